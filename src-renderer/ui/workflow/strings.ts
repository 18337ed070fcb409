// The workflow's words (verification, forwarding to the COD, closing), French first. Kept beside the
// workflow UI as export/strings.ts is; the language follows i18next's.
import { useLang } from '../../i18n';

export const WORKFLOW_STRINGS = {
  fr: {
    verification: 'Vérification',
    checkBy: 'par {{name}}, {{time}}',
    checkUndone: 'retiré par {{name}}, {{time}}',
    sourceKind: 'Nature de la source',
    otherLinks: 'Liens des autres sources (un par ligne)',
    officialBy: 'Confirmé par (service, personne)',
    saveLinks: 'Enregistrer les liens',
    saveOfficial: 'Enregistrer la confirmation',
    verdict: 'Verdict',
    verdictNone: 'Pas encore de verdict',
    reason: 'Raison',
    reasonNeeded: 'raison demandée pour un démenti',
    saveVerdict: 'Enregistrer le verdict',
    steps: 'Étapes de vérification',
    withdrawn: 'retiré',
    forwardTitle: 'Transmission au COD',
    forwardMessage: 'Message pour le COD',
    forward: 'Transmettre au COD',
    forwardSelection: 'Transmettre la sélection au COD ({{count}})',
    forwarded: 'Transmis au COD par {{name}}, {{time}}',
    notForwarded: 'Pas encore transmise au COD.',
    received: 'Reçu par {{name}}, à {{time}}',
    notReceived: 'En attente d’accusé de réception ({{age}})',
    actionTaken: 'Suite donnée : {{action}}',
    codRegion: 'Transmis au COD',
    codEmpty: 'Aucune remontée transmise au COD pour le moment.',
    unread: 'Non lus ({{count}})',
    read: 'Reçus ({{count}})',
    acknowledge: 'Accuser réception',
    action: 'Suite donnée',
    actionNote: 'Précision (facultatif)',
    saveAction: 'Enregistrer la suite',
    codOnly: 'Seul le COD accuse réception.',
    open: 'Ouvrir',
    pending: '{{count}} transmission(s) au COD sans accusé de réception (la plus ancienne : {{age}})',
    marked: '{{count}} remontée(s) cochée(s)',
    unmark: 'Tout décocher',
    forwardNotAllowed: 'Seuls les coordinateurs et le COD transmettent au COD.',
    statusTitle: 'Changer le statut',
    statusHint: 'Chiffre ou flèches puis Entrée ; une raison est demandée pour un démenti, un traitement ou une transmission.',
    viewQueue: 'À vérifier',
    closeCrisis: 'Clore la crise',
    reopenCrisis: 'Rouvrir la crise',
    closeConfirm: 'Clore la crise pour tous ses membres ? Elle restera consultable mais plus personne ne pourra y saisir.',
    closedBanner: 'Crise close par {{name}} : consultable, plus modifiable jusqu’à sa réouverture.',
    views: 'Vues',
    viewTable: 'Remontées',
    viewCod: 'Transmis au COD',
    viewRumours: 'Rumeurs',
    ageMinutes: 'il y a {{count}} min',
    ageHours: 'il y a {{count}} h',
    ageNow: 'à l’instant',
  },
  en: {
    verification: 'Verification',
    checkBy: 'by {{name}}, {{time}}',
    checkUndone: 'withdrawn by {{name}}, {{time}}',
    sourceKind: 'Kind of source',
    otherLinks: 'Links to the other sources (one per line)',
    officialBy: 'Confirmed by (service, person)',
    saveLinks: 'Save the links',
    saveOfficial: 'Save the confirmation',
    verdict: 'Verdict',
    verdictNone: 'No verdict yet',
    reason: 'Reason',
    reasonNeeded: 'a reason is required to debunk',
    saveVerdict: 'Save the verdict',
    steps: 'Verification steps',
    withdrawn: 'withdrawn',
    forwardTitle: 'Forwarding to the COD',
    forwardMessage: 'Message for the COD',
    forward: 'Forward to the COD',
    forwardSelection: 'Forward the selection to the COD ({{count}})',
    forwarded: 'Forwarded to the COD by {{name}}, {{time}}',
    notForwarded: 'Not forwarded to the COD yet.',
    received: 'Received by {{name}}, at {{time}}',
    notReceived: 'Waiting for acknowledgement ({{age}})',
    actionTaken: 'Action taken: {{action}}',
    codRegion: 'Forwarded to the COD',
    codEmpty: 'Nothing forwarded to the COD yet.',
    unread: 'Unread ({{count}})',
    read: 'Received ({{count}})',
    acknowledge: 'Acknowledge',
    action: 'Action taken',
    actionNote: 'Detail (optional)',
    saveAction: 'Save the action',
    codOnly: 'Only the COD acknowledges.',
    open: 'Open',
    pending: '{{count}} forwarding(s) to the COD not acknowledged (oldest: {{age}})',
    marked: '{{count}} sighting(s) ticked',
    unmark: 'Untick all',
    forwardNotAllowed: 'Only coordinators and the COD forward to the COD.',
    statusTitle: 'Change the status',
    statusHint: 'A digit or the arrows then Enter; a reason is asked to debunk, handle or forward.',
    viewQueue: 'To verify',
    closeCrisis: 'Close the crisis',
    reopenCrisis: 'Reopen the crisis',
    closeConfirm: 'Close the crisis for all its members? It stays readable but nobody can add to it.',
    closedBanner: 'Crisis closed by {{name}}: readable, not editable until reopened.',
    views: 'Views',
    viewTable: 'Sightings',
    viewCod: 'Forwarded to the COD',
    viewRumours: 'Rumours',
    ageMinutes: '{{count}} min ago',
    ageHours: '{{count}} h ago',
    ageNow: 'just now',
  },
};

export type WorkflowStrings = (typeof WORKFLOW_STRINGS)['fr'];

export function useWorkflowStrings(): WorkflowStrings {
  return WORKFLOW_STRINGS[useLang()] as WorkflowStrings;
}

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** "il y a 12 min": how long something has waited. */
export function age(s: WorkflowStrings, since: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 1) return s.ageNow;
  if (minutes < 120) return fill(s.ageMinutes, { count: minutes });
  return fill(s.ageHours, { count: Math.floor(minutes / 60) });
}
