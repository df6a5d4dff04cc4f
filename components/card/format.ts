/** Small formatting helpers shared by the cards (pure; no DOM). */
import type { DataBundle } from '../../lib/data/model';

/**
 * "2025-03-15" → a long date in the reader's locale. Partial dates ("2025-03") and free text are
 * returned as they are rather than guessed at. UTC, so the day never shifts with the time zone.
 */
export function formatDate(iso: string, locale?: string): string {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!full) return iso;
  const date = new Date(Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3])));
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * The reported total in short form ("more than 400 (420+ …)" → "400+"): the lowest reported
 * figure, so the card never claims more than the coverage does.
 */
export function reportedTotalShort(counts: DataBundle['counts']): string {
  const first = /\d[\d,]*/.exec(counts.signatoriesReported);
  return first ? `${first[0]}+` : counts.signatoriesReported;
}

/** ["Deadline", "Variety"] → "Deadline and Variety", in the reader's locale. */
export function formatList(items: readonly string[], locale?: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
