// The replay's words (retour d'expérience), French first; the language follows i18next's.
import { useLang } from '../../i18n';

export { fill } from '../common/fill';

export const REPLAY_STRINGS = {
  fr: {
    tab: 'Relecture',
    region: 'Relecture de la crise',
    banner: 'Relecture : état au {{time}} — lecture seule',
    loading: 'Lecture du registre…',
    empty: 'Le registre de cette crise est vide.',
    slider: 'Instant de la relecture',
    goTo: 'Aller à',
    play: 'Lecture',
    pause: 'Pause',
    speed: 'Vitesse',
    speed1: '×1 min/s',
    speed10: '×10 min/s',
    speed60: '×1 h/s',
    reload: 'Relire le registre',
    entries: '{{count}} entrée(s) sur {{total}} · {{rows}} remontée(s)',
    authorTime: 'Chaque entrée compte à l’heure où son auteur l’a écrite et signée (la même sur tous les postes), pas à celle où ce poste l’a reçue.',
  },
  en: {
    tab: 'Replay',
    region: 'Replay of the crisis',
    banner: 'Replay: state at {{time}} — read only',
    loading: 'Reading the record…',
    empty: 'This crisis’s record is empty.',
    slider: 'Replay time',
    goTo: 'Go to',
    play: 'Play',
    pause: 'Pause',
    speed: 'Speed',
    speed1: '×1 min/s',
    speed10: '×10 min/s',
    speed60: '×1 h/s',
    reload: 'Read the record again',
    entries: '{{count}} entr(ies) of {{total}} · {{rows}} sighting(s)',
    authorTime: 'Each entry counts at the time its author wrote and signed it (the same on every copy), not when this copy received it.',
  },
};

export type ReplayStrings = (typeof REPLAY_STRINGS)['fr'];

export function useReplayStrings(): ReplayStrings {
  return REPLAY_STRINGS[useLang()] as ReplayStrings;
}
