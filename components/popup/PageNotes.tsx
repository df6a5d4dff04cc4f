/**
 * What the page has that is not marked, said plainly under the roster: topics found on a page not
 * about AI and copyright (never marked there, so nothing to reveal), and what the reader's mark
 * level leaves out (with the way to change it).
 */
import { browser } from 'wxt/browser';
import type { PageReport } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';

const plural = (n: number, one: string, many: string) => (n === 1 ? t(one) : t(many, String(n)));

export function PageNotes({ report }: { report: PageReport }) {
  const offPage = report.unmarked?.topicsOffPage ?? 0;
  const hidden = report.unmarked?.hiddenByLevel ?? 0;
  if (offPage === 0 && hidden === 0) return null;
  return (
    <div class="pp-notes" data-testid="page-notes">
      {offPage > 0 && (
        <p class="pp-note" data-testid="topics-off-page">
          {plural(offPage, 'popupTopicsOffPageOne', 'popupTopicsOffPageMany')}
        </p>
      )}
      {hidden > 0 && (
        <p class="pp-note" data-testid="hidden-by-level">
          {plural(hidden, 'popupHiddenByLevelOne', 'popupHiddenByLevelMany')}{' '}
          <button
            type="button"
            class="us-link pp-link"
            onClick={() => void browser.runtime.openOptionsPage()}
            data-testid="change-marks"
          >
            {t('popupChangeMarks')}
          </button>
        </p>
      )}
    </div>
  );
}
