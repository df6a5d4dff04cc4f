/** The short, plain-text citation "Copy citation" puts on the clipboard. Pure, so it is unit-tested. */
import type { Entity, Letter } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { pickSources } from './sources';
import { statusVariant } from './status';

/** The status as a citation states it: short, and no stronger than the evidence. */
export function citationStatus(entity: Entity): string {
  const outlets = String(entity.outlets);
  switch (statusVariant(entity)) {
    case 'signed':
      return t('cardCiteSigned', outlets);
    case 'signedSingle':
      return t('cardCiteSignedSingle');
    case 'organiser':
      return entity.outlets === 1 ? t('cardCiteOrganiserSingle') : t('cardCiteOrganiser', outlets);
    case 'actor':
      return t('cardCiteActor', entity.role ?? entity.relation ?? '');
    case 'unconfirmed':
      return t('cardCiteUnconfirmed');
  }
}

/**
 * "Mark Ruffalo — named as a signatory by 39 outlets. Hollywood letter to OSTP on AI and copyright
 * (March 2025), 2025-03-15. Source: https://…" (ISO date: unambiguous in any language).
 */
export function citationText(entity: Entity, letter: Letter): string {
  const best = pickSources(entity.sources, 1)[0];
  const citation = t('cardCitation', [
    entity.name,
    citationStatus(entity),
    letter.shortTitle,
    letter.submitted,
  ]);
  return best ? `${citation} ${t('cardCitationSource', best.url)}` : citation;
}
