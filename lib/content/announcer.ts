/**
 * One polite screen-reader announcement per page ("Undersigned marked 11 signatories…"), instead
 * of one per mark. A live region must be in the document to be read, so a tiny host element with
 * a closed shadow root is added for a few seconds and then removed, leaving the page as it was.
 */
import { t } from '../ui/i18n';

const ANNOUNCE_DELAY_MS = 150;
const REMOVE_AFTER_MS = 6000;

export function announceOnce(doc: Document, signal: AbortSignal, signatories: number, others: number): void {
  const host = doc.createElement('undersigned-announcer');
  host.setAttribute('data-undersigned-ui', '');
  // Visually hidden, out of layout.
  host.style.cssText =
    'position:fixed!important;width:1px!important;height:1px!important;overflow:hidden!important;clip-path:inset(50%)!important;white-space:nowrap!important;';
  const region = doc.createElement('div');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  host.attachShadow({ mode: 'closed' }).append(region);
  doc.body.append(host);

  const message =
    signatories > 0
      ? t('announceSignatories', [String(signatories), String(others)])
      : t('announceOthers', String(others));
  const speak = setTimeout(() => (region.textContent = message), ANNOUNCE_DELAY_MS);
  const remove = setTimeout(() => host.remove(), REMOVE_AFTER_MS);
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(speak);
      clearTimeout(remove);
      host.remove();
    },
    { once: true },
  );
}
