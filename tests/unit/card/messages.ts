/**
 * The real English strings for component tests. WXT's fake browser throws on i18n.getMessage, so
 * tests install this implementation of Chrome's rules (named $PLACEHOLDERS$ whose content refers
 * to $1…$9, "$$" for a dollar) over the shipped messages.json, and assert the text users read.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import messages from '../../../assets/public/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };
const catalogue = messages as Record<string, Entry>;

export function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = catalogue[key];
  if (!entry) return '';
  const args =
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const contents = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content] as const),
  );
  const withContents = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (whole, name: string) => contents.get(name.toLowerCase()) ?? whole,
  );
  // One pass, so a substituted value is never itself scanned for "$1".
  return withContents.replace(/\$(\$|[1-9])/g, (_, d: string) =>
    d === '$' ? '$' : (args[Number(d) - 1] ?? ''),
  );
}

export function installMessages(): void {
  (fakeBrowser.i18n as { getMessage: typeof getMessage }).getMessage = getMessage;
}

/** A message with its substitutions, for assertions that must not restate the words in code. */
export const msg = (key: string, ...substitutions: string[]) => {
  const text = getMessage(key, substitutions);
  if (text === '') throw new Error(`no message ${key} in messages.json`);
  return text;
};
