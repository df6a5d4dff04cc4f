/**
 * The installed data set (version, date, counts, where the figures come from) and its updates:
 * on or off, the URL, a check on demand, and the last check's result, which follows the updater's
 * state in storage.local live.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { sendToBackground } from '../../lib/messaging/protocol';
import { updateStateItem, type UpdateState } from '../../lib/messaging/storage';
import type { UpdateResult } from '../../lib/messaging/to-background';
import { isAllowedUpdateUrl } from '../../lib/settings/settings';
import { t } from '../../lib/ui/i18n';
import { formatDate, reportedTotalShort } from '../card/format';
import { SourceList } from '../card/SourceList';
import { loadDataFacts, type DataFacts } from '../popup/data';
import { failure, ResultLine, saved, Section, Toggle } from './parts';
import type { SectionProps } from './sections';

/** A rejected file's reason can list schema issues: the first line, briefly, is enough here. */
const brief = (detail: string) => {
  const first = detail.split('\n')[0] ?? '';
  return first.length > 160 ? `${first.slice(0, 159)}…` : first;
};

export function describeUpdateResult(result: UpdateResult | null): string {
  if (!result) return t('optionsUpdateNever');
  switch (result.status) {
    case 'disabled':
      return t('optionsUpdateDisabled');
    case 'updated':
      return t('optionsUpdateUpdated', result.version);
    case 'not-modified':
      return t('optionsUpdateNotModified');
    case 'rejected':
      return t('optionsUpdateRejected', brief(result.detail));
    case 'failed':
      return t('optionsUpdateFailed', brief(result.detail));
  }
}

/** A check that failed, or a file that was refused: shown as an error (the URL may need fixing). */
const updateFailed = (result: UpdateResult | null | undefined) =>
  result?.status === 'failed' || result?.status === 'rejected';

function formatTime(time: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(time),
  );
}

export function DataSection({ settings, save }: SectionProps) {
  const [facts, setFacts] = useState<DataFacts | null>(null);
  const [updateState, setUpdateState] = useState<UpdateState | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    void loadDataFacts().then(setFacts, () => setFacts(null));
    void updateStateItem.get().then(setUpdateState, () => setUpdateState(null));
    return updateStateItem.watch(setUpdateState);
  }, []);

  const checkNow = async () => {
    setChecking(true);
    const record = (lastResult: UpdateResult) =>
      setUpdateState((state) => ({
        ...(state ?? { etag: null, etagFor: null }),
        lastCheck: Date.now(),
        lastResult,
      }));
    try {
      const result = await sendToBackground('checkDataUpdate', null);
      record(result);
      // A new data set changes the version, date and counts shown above.
      if (result.status === 'updated') void loadDataFacts().then(setFacts);
    } catch (error) {
      record({ status: 'failed', detail: String(error) });
    } finally {
      setChecking(false);
    }
  };

  const last = updateState?.lastCheck
    ? t('optionsUpdateLast', [
        formatTime(updateState.lastCheck),
        describeUpdateResult(updateState.lastResult),
      ])
    : t('optionsUpdateNever');
  return (
    <Section title={t('optionsDataHeading')} testId="options-data">
      {facts && <DataFactsList facts={facts} />}
      <h3 class="op-h3">{t('optionsUpdatesHeading')}</h3>
      <Toggle
        checked={settings.dataUpdates}
        label={t('optionsUpdates')}
        hint={t('optionsUpdatesHint')}
        onChange={(dataUpdates) => void save({ dataUpdates })}
        testId="data-updates"
      />
      <UpdateUrl value={settings.dataUpdateUrl} onSave={(dataUpdateUrl) => void save({ dataUpdateUrl })} />
      <div class="op-inline">
        <button
          type="button"
          class="us-btn"
          disabled={checking || !settings.dataUpdates || settings.dataUpdateUrl === ''}
          onClick={() => void checkNow()}
          data-testid="check-now"
        >
          {checking ? t('optionsUpdateChecking') : t('optionsUpdateCheckNow')}
        </button>
      </div>
      <ResultLine
        status={updateFailed(updateState?.lastResult) ? failure(last) : saved(last)}
        testId="update-result"
      />
    </Section>
  );
}

function DataFactsList({ facts }: { facts: DataFacts }) {
  return (
    <>
      <dl class="op-facts">
        <dt>{t('optionsDataVersion')}</dt>
        <dd data-testid="data-version">{facts.info.dataVersion}</dd>
        {facts.dataDate && (
          <>
            <dt>{t('optionsDataDate')}</dt>
            <dd>{formatDate(facts.dataDate)}</dd>
          </>
        )}
        <dt>{t('optionsDataCounts')}</dt>
        <dd data-testid="data-counts">
          {t('optionsDataCountsDetail', [
            String(facts.counts.signatoriesPublished),
            reportedTotalShort(facts.counts),
          ])}
        </dd>
        <dt>{t('optionsExtensionVersion')}</dt>
        <dd>{facts.info.extensionVersion}</dd>
      </dl>
      <p class="op-hint">{t('optionsDataProvenance')}</p>
      {facts.letter && (
        <>
          <p class="op-hint">{facts.letter.signatoriesNamedPublicly}</p>
          <SourceList
            sources={facts.letter.signatureCounts
              .flatMap((c) => c.sources)
              .concat(facts.letter.organisersSources)}
            max={4}
            label={t('optionsDataSources')}
          />
        </>
      )}
    </>
  );
}

function UpdateUrl({ value, onSave }: { value: string; onSave: (url: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState('');
  const id = useId();
  const errorId = useId();
  useEffect(() => setDraft(value), [value]);
  const save = () => {
    const url = draft.trim();
    if (url === value) return;
    if (url !== '' && !isAllowedUpdateUrl(url)) {
      setError(t('optionsUpdateUrlInvalid'));
      return;
    }
    setError('');
    onSave(url);
  };
  return (
    <div class="op-row">
      <label for={id} class="op-label">
        {t('optionsUpdateUrl')}
      </label>
      <input
        id={id}
        type="url"
        class="op-input op-input--wide"
        placeholder="https://"
        value={draft}
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onChange={save}
        onKeyDown={(event) => event.key === 'Enter' && save()}
        data-testid="update-url"
      />
      {error && (
        <p id={errorId} class="op-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
