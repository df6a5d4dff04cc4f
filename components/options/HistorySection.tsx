/** The reading history: keep it or not, and forget it all (after a confirmation). */
import { useState } from 'preact/hooks';
import { sendToBackground } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';
import { failure, ResultLine, saved, Section, Toggle, type Status } from './parts';
import type { SectionProps } from './sections';

export function HistorySection({ settings, save }: SectionProps) {
  const [confirmClear, setConfirmClear] = useState(false);
  const [clearResult, setClearResult] = useState<Status>(saved(''));

  const clearHistory = async () => {
    setConfirmClear(false);
    try {
      await sendToBackground('clearHistory', null);
      setClearResult(saved(t('optionsHistoryCleared')));
    } catch {
      setClearResult(failure(t('optionsHistoryClearFailed')));
    }
  };

  return (
    <Section title={t('optionsHistoryHeading')} testId="options-history">
      <Toggle
        checked={settings.history}
        label={t('optionsHistory')}
        hint={t('optionsHistoryHint')}
        onChange={(history) => void save({ history })}
        testId="history"
      />
      <div class="op-inline op-clear">
        {confirmClear ? (
          <div role="group" aria-label={t('optionsHistoryConfirm')} class="op-confirm">
            <p class="op-confirm__text">{t('optionsHistoryConfirm')}</p>
            <button
              type="button"
              class="us-btn op-danger"
              onClick={() => void clearHistory()}
              data-testid="clear-confirm"
            >
              {t('optionsHistoryClearYes')}
            </button>
            <button
              type="button"
              class="us-btn"
              onClick={() => setConfirmClear(false)}
              data-testid="clear-cancel"
            >
              {t('optionsCancel')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            class="us-btn"
            onClick={() => {
              setClearResult(saved(''));
              setConfirmClear(true);
            }}
            data-testid="clear-history"
          >
            {t('optionsHistoryClear')}
          </button>
        )}
      </div>
      <ResultLine status={clearResult} testId="clear-result" />
    </Section>
  );
}
