/**
 * What a card says about a person's part in the letter, decided in one place so the badge, the
 * evidence line and the citation can never disagree. A wrong "signed" is the worst bug this
 * product can have, so only 'signed' and 'organiser' with outlets > 0 ever read as signed, and a
 * single outlet's word is shown as exactly that.
 */
import type { Entity } from '../../lib/data/model';

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
