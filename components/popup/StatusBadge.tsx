/**
 * A person's status as a compact badge: the card's glyph and colour with short words, never colour
 * alone. The words come from the same statusVariant as the card's, so the two cannot disagree.
 */
import type { Entity } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { Icon } from '../card/icons';
import { statusVariant, type StatusVariant } from '../card/status';

const BADGE_KEY: Record<StatusVariant | 'notFound' | 'topic', string> = {
  signed: 'popupBadgeSigned',
  signedSingle: 'popupBadgeSignedSingle',
  organiser: 'popupBadgeOrganiser',
  actor: 'popupBadgeActor',
  unconfirmed: 'popupBadgeUnconfirmed',
  notFound: 'popupBadgeUnknown',
  topic: 'popupBadgeTopic',
};

export type BadgeVariant = StatusVariant | 'notFound' | 'topic';

export function badgeVariant(entity: Entity | null): BadgeVariant {
  return entity ? statusVariant(entity) : 'notFound';
}

export function badgeLabel(variant: BadgeVariant): string {
  return t(BADGE_KEY[variant]);
}

export function StatusBadge({ variant }: { variant: BadgeVariant }) {
  return (
    <span class={`pp-badge us-status--${variant}`} data-status={variant}>
      {variant !== 'topic' && <Icon name={variant} class="us-icon pp-badge__icon" />}
      {badgeLabel(variant)}
    </span>
  );
}
