/** Which sources a card shows: a few, originals before copies, one link per outlet. */
import type { Source } from '../../lib/data/model';

/**
 * The best `max` sources. The data is already sorted best first; this only moves copies
 * (`secondHand`) behind originals and drops a second link to an outlet already shown, so three
 * links are three different witnesses where the data has them.
 */
export function pickSources(sources: readonly Source[], max = 3): Source[] {
  const ordered = [
    ...sources.filter((s) => s.secondHand !== true),
    ...sources.filter((s) => s.secondHand === true),
  ];
  const picked: Source[] = [];
  const outlets = new Set<string>();
  for (const source of ordered) {
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
