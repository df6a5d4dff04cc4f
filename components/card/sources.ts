/** Which sources a card shows: a few, best first, one link per outlet, no content farm needlessly. */
import type { Source } from '../../lib/data/model';
import { bestFirst, FARM_COPY_RANK, sourceRank } from '../../lib/data/source-rank';
import { t } from '../../lib/ui/i18n';

/**
 * The best `max` sources: established originals, other originals, copies of an established
 * outlet's story, other copies (the data is stored in that order; this does not rely on it). A
 * copy on a content farm or aggregator is shown only when nothing better supports the claim, and
 * a second link to an outlet already shown is dropped, so three links are three witnesses.
 */
export function pickSources(sources: readonly Source[], max = 3): Source[] {
  const ordered = bestFirst(sources);
  const onlyFarms = ordered.every((s) => sourceRank(s) === FARM_COPY_RANK);
  const picked: Source[] = [];
  const outlets = new Set<string>();
  for (const source of ordered) {
    if (!onlyFarms && sourceRank(source) === FARM_COPY_RANK) break;
    const outlet = source.outlet.toLowerCase();
    if (outlets.has(outlet)) continue;
    outlets.add(outlet);
    picked.push(source);
    if (picked.length >= max) break;
  }
  return picked;
}

/** "www.latimes.com" → "latimes.com": where a copy actually lives, for the reader to weigh. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * How a copy is labelled next to its outlet: where it lives ("copy at blog.recruitology.com"), or,
 * when the outlet shown is that site itself, that it copies another outlet's story. Null for an
 * original.
 */
export function copyLabel(source: Source): string | null {
  if (source.secondHand !== true) return null;
  const host = hostOf(source.url).toLowerCase();
  const outlet = source.outlet.toLowerCase();
  const sameSite = host === outlet || host.startsWith(`${outlet}.`);
  return sameSite ? t('cardSourceCopyOfAnother') : t('cardSourceCopy', hostOf(source.url));
}
