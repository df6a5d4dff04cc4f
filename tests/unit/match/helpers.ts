import bundle from '../../../assets/data/bundle.json';
import type { DataBundle } from '../../../lib/data/model';
import { compileMatcher, scanBlocks, type MatcherData, type TextScan } from '../../../lib/match/index';
import { toMatcherData } from '../../../lib/data/matcher-data';

export const realData: MatcherData = toMatcherData(bundle as unknown as DataBundle);
export const realMatcher = compileMatcher(realData);

/** A page about the letter: puts the AI + copyright context around the text under test. */
export const AI_COPYRIGHT_CONTEXT = 'Artists oppose AI training on copyrighted work.';

export type Found = [text: string, id: string, match: string];

/** Scans blocks and lists each mention as [matched text, id, kind]. */
export function found(blocks: string | readonly string[], matcher = realMatcher): Found[] {
  const list = typeof blocks === 'string' ? [blocks] : blocks;
  const scan = scanBlocks(list, matcher);
  return scan.mentions.map((m) => [list[m.block]!.slice(m.start, m.end), m.ref.id, m.match]);
}

/** Only the entity mentions. */
export function people(blocks: string | readonly string[], matcher = realMatcher): Found[] {
  const list = typeof blocks === 'string' ? [blocks] : blocks;
  const scan: TextScan = scanBlocks(list, matcher);
  return scan.mentions
    .filter((m) => m.ref.kind === 'entity')
    .map((m) => [list[m.block]!.slice(m.start, m.end), m.ref.id, m.match]);
}
