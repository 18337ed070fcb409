// The sync receipts' words (who holds my last change, who has gone silent), French first.
import { useLang } from '../../i18n';

export const RECEIPT_STRINGS = {
  fr: {
    heldBy: 'Reçu par {{names}} ({{age}})',
    details: 'Reçus',
    detailsTitle: 'Reçus signés des membres',
    holds: 'détient votre dernière modification depuis {{time}}',
    lastHeard: 'dernier reçu signé à {{time}}',
    never: 'aucun reçu signé depuis l’ouverture',
    silent: 'Sans nouvelles depuis > {{minutes}} min : {{names}}',
    threshold: 'Sans nouvelles au-delà de (minutes)',
    thresholdInvalid: 'Un nombre entier de 1 à 1 440 minutes.',
    refused: '{{count}} reçu(s) refusé(s) (signature ou contenu invalide)',
    noMembers: 'Aucun autre membre dans cette crise.',
    close: 'Fermer',
  },
  en: {
    heldBy: 'Received by {{names}} ({{age}})',
    details: 'Receipts',
    detailsTitle: 'Signed receipts from members',
    holds: 'holds your last change since {{time}}',
    lastHeard: 'last signed receipt at {{time}}',
    never: 'no signed receipt since opening',
    silent: 'No news for > {{minutes}} min: {{names}}',
    threshold: 'No news after (minutes)',
    thresholdInvalid: 'A whole number from 1 to 1,440 minutes.',
    refused: '{{count}} receipt(s) refused (invalid signature or content)',
    noMembers: 'No other member in this crisis.',
    close: 'Close',
  },
};

export function useReceiptStrings(): (typeof RECEIPT_STRINGS)['fr'] {
  return RECEIPT_STRINGS[useLang()];
}
