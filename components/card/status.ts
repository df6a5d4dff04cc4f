/**
 * What a card says about a person's part in the letter, decided in one place so the badge, the
 * evidence line and the citation can never disagree. A wrong "signed" is the worst bug this
 * product can have, so only 'signed' and 'organiser' with outlets > 0 ever read as signed, and a
 * single outlet's word is shown as exactly that.
 */
import type { Entity } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';

export type StatusVariant = 'signed' | 'signedSingle' | 'organiser' | 'actor' | 'unconfirmed';

export function statusVariant(entity: Entity): StatusVariant {
  switch (entity.status) {
    case 'signed':
      return entity.outlets === 1 ? 'signedSingle' : 'signed';
    case 'organiser':
      return 'organiser';
    case 'actor':
      return 'actor';
    case 'unconfirmed':
      return 'unconfirmed';
  }
}

/** Locale keys of each variant's headline; the words are in _locales, never in code. */
export const STATUS_LABEL_KEY: Record<StatusVariant, string> = {
  signed: 'cardStatusSigned',
  signedSingle: 'cardStatusSignedSingle',
  organiser: 'cardStatusOrganiser',
  actor: 'cardStatusActor',
  unconfirmed: 'cardStatusUnconfirmed',
};

/**
 * The evidence under a signatory's status, the same in the card, the search and the lookup panel:
 * outlets count a story once (an established outlet's copies included), and copies on other sites
 * are counted apart ("Named as a signatory by 51 outlets, and 23 copies elsewhere."). A single
 * outlet is said as such. Null for people who are not signatories.
 */
export function evidenceLine(entity: Entity): string | null {
  const variant = statusVariant(entity);
  if (variant === 'signedSingle') return t('cardSignedSingleDetail');
  if (variant !== 'signed' && variant !== 'organiser') return null;
  if (entity.outlets === 1) return t('cardStatusSignedSingle');
  const outlets = String(entity.outlets);
  if (entity.copies === 0) return t('cardNamedByOutlets', outlets);
  if (entity.copies === 1) return t('cardNamedByOutletsOneCopy', outlets);
  return t('cardNamedByOutletsCopies', [outlets, String(entity.copies)]);
}
