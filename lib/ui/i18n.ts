/** Strings come from _locales; a missing key shows the key, so a gap is visible, not silent. */
import { browser } from 'wxt/browser';

export function t(key: string, substitutions?: string | string[]): string {
  return (browser.i18n.getMessage as (k: string, s?: string | string[]) => string)(key, substitutions) || key;
}
