// A main courante line as one sentence of text (never HTML: posts and names come from peers).
// Free lines are their own text; automatic lines are worded here from what their record says, with
// the names and texts this copy knows now (a member's latest name, a sighting's current text).
import type { LogLine } from '../../core/main-courante';
import { ROLE_LABELS, type Lang } from '../../core/labels';
import { ACTION_LABELS, RUMOUR_VERDICT_LABELS, VERDICT_LABELS } from '../../core/workflow';
import type { Forwarding } from '../../core/workflow-state';
import { fill } from '../common/fill';
import { formatTime } from '../common/format';
import type { MainCouranteStrings } from './strings';

export interface Lookups {
  name(memberId: string): string;
  sightingText(id: string): string | undefined;
  forwarding(id: string): Forwarding | undefined;
  rumourClaim(id: string): string | undefined;
  relayTitle(id: string): string | undefined;
  /** For an invitation key: the member who joined with it ('' if nobody yet); undefined for a member. */
  invitation(id: string): string | undefined;
}

const short = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function describeLine(line: LogLine, look: Lookups, s: MainCouranteStrings, lang: Lang): string {
  const f = line.fact;
  if (!f) return line.text ?? '';
  const sighting = (id: string) => short(look.sightingText(id) ?? s.unknownSighting);
  switch (f.what) {
    case 'created':
      return fill(s.created, { name: f.name });
    case 'forward': {
      const shown = f.sightings.slice(0, 3).map((id) => `« ${sighting(id)} »`);
      if (f.sightings.length > 3) shown.push('…');
      return fill(s.forward, { count: f.sightings.length, msg: short(f.msg, 300), sightings: shown.join(', ') });
    }
    case 'ack': {
      const fw = look.forwarding(f.forwarding);
      const who = fw ? look.name(fw.actor) : '?';
      const time = fw ? formatTime(fw.at, lang) : s.unknownForwarding;
      if (!f.action) return fill(s.ack, { name: who, time, msg: short(fw?.msg ?? '', 300) });
      return fill(s.ackAction, { name: who, time, action: ACTION_LABELS[f.action][lang], note: f.note ? ` — ${f.note}` : '' });
    }
    case 'verdict':
      return fill(s.verdict, { verdict: VERDICT_LABELS[f.verdict][lang], sighting: sighting(f.sighting), note: f.note ? ` — ${f.note}` : '' });
    case 'rumour':
      return fill(s.rumour, { verdict: RUMOUR_VERDICT_LABELS[f.verdict][lang].toLowerCase(), claim: short(f.claim ?? look.rumourClaim(f.rumour) ?? '?', 300) });
    case 'admit': {
      const role = ROLE_LABELS[f.role][lang];
      const usedBy = look.invitation(f.member);
      if (usedBy !== undefined) return fill(usedBy ? s.invitationUsed : s.invitation, { role, name: usedBy, label: f.label ? ` « ${f.label} »` : '' });
      return fill(s.admit, { name: look.name(f.member), role });
    }
    case 'remove':
      return fill(s.remove, { name: look.name(f.member) });
    case 'rekey':
      return fill(s.rekey, { epoch: f.epoch });
    case 'closed':
      return f.closed ? s.closed : s.reopened;
    case 'relayApproved':
      return fill(s.relayApproved, { title: short(look.relayTitle(f.message) || s.unknownRelay, 200) });
    case 'purge':
      return fill(f.texts === 'all' ? s.purgeAll : s.purge, { until: formatTime(Date.parse(f.until), lang), count: f.texts === 'all' ? 0 : f.texts });
  }
}
