// How the workflow UI reads the store: the workflow state is re-read whenever the store changes.
import { useEffect, useState } from 'react';
import type { WorkflowState } from '../../core/workflow-state';
import { can, type Power } from '../../core/rules';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';

/** The crisis's workflow state, and the store's version (a new value on every change). */
export function useWorkflow(): { workflow: WorkflowState; version: number } {
  const store = useCrisisStore();
  const version = useStoreVersion(store);
  return { workflow: store.state.workflow, version };
}

/** Whether this member holds a power in this crisis (the same rule table every copy applies). */
export function useCan(power: Power): boolean {
  const store = useCrisisStore();
  useStoreVersion(store);
  return can(store.state, store.me.id, power);
}

/** The clock, ticking every `ms` (ages shown as "il y a 12 min" move on by themselves). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** A member's name as the crisis knows it. */
export function useMemberName(): (id: string) => string {
  const store = useCrisisStore();
  return (id) => store.member(id)?.name || '?';
}
