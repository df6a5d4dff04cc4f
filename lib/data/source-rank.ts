/**
 * How good a source is for a claim, shared by the build (which stores sources in this order) and
 * the cards (which show the best). Pure and tiny: the content script's cards import it.
 */
import type { Source } from './model';

/**
 * 0 an established outlet's own report, 1 another original, 2 a copy of an established outlet's
 * story, 3 any other copy (a content farm or aggregator). A source without flags ranks as an original.
 */
export function sourceRank(s: Pick<Source, 'established' | 'secondHand'>): number {
  return (s.secondHand === true ? 2 : 0) + (s.established === true ? 0 : 1);
}

/** The rank of a copy on a site that is not an established outlet. */
export const FARM_COPY_RANK = 3;

/** Best first by sourceRank; stable, so the research's order decides within a rank. */
export function bestFirst<T extends Pick<Source, 'established' | 'secondHand'>>(sources: readonly T[]): T[] {
  return sources
    .map((source, index) => ({ source, index }))
    .sort((a, b) => sourceRank(a.source) - sourceRank(b.source) || a.index - b.index)
    .map(({ source }) => source);
}
