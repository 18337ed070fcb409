// The crisis as it stood at a time T, replayed from its signed record for the after-action review
// (retour d'expérience): the state built from the entries whose **author time** is ≤ T.
//
// Why author time, not arrival time: the author time is signed inside each entry and the same on
// every copy, so two copies replaying the same record show the same 14:00; the time an entry reached
// this copy is not recorded (the journal keeps arrival order, not arrival time) and differs between
// copies. The consequence to know when reading a replay: an edit made offline at 14:00 and synced at
// 16:00 shows as written at 14:00 — the replay says what had been written by then, not what this copy
// had heard of. Entries arrive at the state in their total order (compareEntries: author time, author,
// id), which is the order CrisisState resolves concurrent edits with anyway.
//
// Entries are those of the journal: already verified and checked against the rules on arrival, so
// they are applied without checking again (as a cold open does).
import { CrisisState } from './crisis-state';
import { compareEntries, type Entry } from './records';

export class Replay {
  private readonly entries: readonly Entry[];
  private state: CrisisState;
  /** Entries applied so far: entries[0 … applied). */
  private applied = 0;
  /** The time the state stands at. */
  private time = -Infinity;
  /** How many times the state was rebuilt from the start (going back in time). */
  rebuilds = 0;

  constructor(
    readonly crisisId: string,
    entries: readonly Entry[],
  ) {
    this.entries = [...entries].sort(compareEntries);
    this.state = new CrisisState(crisisId);
  }

  /** The author time of the first and last entries (the slider's ends); 0 for an empty record. */
  get start(): number {
    return this.entries[0]?.body.t ?? 0;
  }
  get end(): number {
    return this.entries.at(-1)?.body.t ?? 0;
  }
  get at(): number {
    return this.time;
  }
  /** Entries in the record. */
  get total(): number {
    return this.entries.length;
  }
  /** Entries in the state at the current time. */
  get count(): number {
    return this.applied;
  }

  /**
   * The state at `t`: moving forward applies only the entries in (previous t, t]; moving back
   * rebuilds from the start (a CrisisState has no undo).
   */
  seek(t: number): CrisisState {
    if (t < this.time) {
      this.state = new CrisisState(this.crisisId);
      this.applied = 0;
      this.rebuilds++;
    }
    while (this.applied < this.entries.length && this.entries[this.applied]!.body.t <= t) this.state.apply(this.entries[this.applied++]!);
    this.time = t;
    return this.state;
  }
}
