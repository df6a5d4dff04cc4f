/**
 * The settings page. Every change is saved at once through the background (setSettings) and
 * announced in one polite live region ("Saved"); changes made elsewhere (another options tab)
 * arrive through storage.onChanged.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { onAccessChanged, readAccess, requestEverySite, requestSite } from '../../lib/access/permissions';
import { hasAccessTo, type GrantedAccess } from '../../lib/access/sites';
import { sendToBackground } from '../../lib/messaging/protocol';
import {
  isAllowedUpdateUrl,
  normaliseHost,
  onSettingsChanged,
  type MarkStyle,
  type Mode,
  type Settings,
} from '../../lib/store/settings';
import {
  getUpdateState,
  UPDATE_STATE_KEY,
  type UpdateResult,
  type UpdateState,
} from '../../lib/store/update';
import { t } from '../../lib/ui/i18n';
import { browser } from 'wxt/browser';
import { formatDate, reportedTotalShort } from '../card/format';
import { SourceList } from '../card/SourceList';
import { loadDataFacts, type DataFacts } from '../popup/data';
import { MarkLegend } from '../popup/MarkLegend';
import { MarkLevelField } from './MarkLevelField';

/** The page's one status line: "Saved", or a failure styled as one. */
interface Status {
  text: string;
  error: boolean;
}
const saved = (text: string): Status => ({ text, error: false });
const failure = (text: string): Status => ({ text, error: true });

const MODES: { value: Mode; label: string; hint: string }[] = [
  { value: 'everywhere', label: 'optionsModeEverywhere', hint: 'optionsModeEverywhereHint' },
  { value: 'allowed-sites', label: 'optionsModeAllowed', hint: 'optionsModeAllowedHint' },
  { value: 'on-click', label: 'optionsModeOnClick', hint: 'optionsModeOnClickHint' },
];

const MARK_STYLES: { value: MarkStyle; label: string }[] = [
  { value: 'underline', label: 'optionsMarkUnderline' },
  { value: 'background', label: 'optionsMarkBackground' },
  { value: 'none', label: 'optionsMarkNone' },
];

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ComponentChildren;
  testId: string;
}) {
  const id = useId();
  return (
    <section class="op-section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} class="op-h2">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Toggle(props: {
  checked: boolean;
  label: string;
  hint?: string;
  onChange: (checked: boolean) => void;
  testId: string;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div class="op-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
        data-testid={props.testId}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} class="op-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

function HostList(props: {
  title: string;
  hint: string;
  hosts: readonly string[];
  onChange: (hosts: string[]) => void;
  testId: string;
  /**
   * The allow list: whether the browser granted a host, and the request for it. `request` is
   * called first thing in the submit or click (the user's gesture), before the list is saved.
   */
  access?: { has: (host: string) => boolean; request: (host: string) => Promise<boolean> };
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const add = (event: Event) => {
    event.preventDefault();
    const host = normaliseHost(draft);
    if (host === null) {
      setError(t('optionsHostInvalid', draft.trim()));
      return;
    }
    setError('');
    setDraft('');
    if (props.hosts.includes(host)) return;
    // Saved whatever the answer: a site without access is listed as such, with its own button.
    if (props.access) void props.access.request(host).finally(() => props.onChange([...props.hosts, host]));
    else props.onChange([...props.hosts, host]);
  };
  return (
    <div class="op-hosts" data-testid={props.testId}>
      <form class="op-row" onSubmit={add}>
        <label for={inputId} class="op-label">
          {props.title}
        </label>
        <div class="op-inline">
          <input
            id={inputId}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            class="op-input"
            placeholder="example.com"
            value={draft}
            aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
            aria-invalid={error ? 'true' : undefined}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" class="us-btn">
            {t('optionsHostAdd')}
          </button>
        </div>
        <p id={hintId} class="op-hint">
          {props.hint}
        </p>
        {error && (
          <p id={errorId} class="op-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {props.hosts.length === 0 ? (
        <p class="op-hint">{t('optionsHostsEmpty')}</p>
      ) : (
        <ul class="op-hostlist">
          {props.hosts.map((host) => (
            <li key={host}>
              <span>{host}</span>
              {props.access && !props.access.has(host) && (
                <>
                  <span class="op-hint op-noaccess" data-testid="host-no-access">
                    {t('optionsAccessSiteMissing')}
                  </span>
                  <button
                    type="button"
                    class="us-btn"
                    onClick={() => void props.access?.request(host)}
                    data-testid="host-grant"
                  >
                    {t('optionsAccessSiteGrant', host)}
                  </button>
                </>
              )}
              <button
                type="button"
                class="us-btn op-remove"
                aria-label={t('optionsHostRemoveLabel', host)}
                onClick={() => props.onChange(props.hosts.filter((h) => h !== host))}
              >
                {t('optionsHostRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

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

export function Options() {
  const [settings, setSettingsState] = useState<Settings | null>(null);
  const [facts, setFacts] = useState<DataFacts | null>(null);
  const [updateState, setUpdateState] = useState<UpdateState | null>(null);
  const [status, setStatus] = useState<Status>(saved(''));
  const [confirmClear, setConfirmClear] = useState(false);
  const [clearResult, setClearResult] = useState<Status>(saved(''));
  const [checking, setChecking] = useState(false);
  const [granted, setGranted] = useState<GrantedAccess | null>(null);
  const modeHintId = useId();
  const legendId = useId();

  useEffect(() => {
    void sendToBackground('getSettings', null).then(setSettingsState);
    void loadDataFacts().then(setFacts, () => setFacts(null));
    void getUpdateState().then(setUpdateState, () => setUpdateState(null));
    const stopSettings = onSettingsChanged(setSettingsState);
    const refreshAccess = () => void readAccess().then(setGranted, () => setGranted(null));
    refreshAccess();
    const stopAccess = onAccessChanged(refreshAccess);
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && UPDATE_STATE_KEY in changes) void getUpdateState().then(setUpdateState);
    };
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      stopSettings();
      stopAccess();
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);

  const save = async (patch: Partial<Settings>) => {
    // Shown at once; the background's answer (the settings in force) then replaces it.
    setSettingsState((current) => (current ? { ...current, ...patch } : current));
    setStatus(saved(''));
    try {
      setSettingsState(await sendToBackground('setSettings', patch));
      setStatus(saved(t('optionsSaved')));
    } catch {
      setStatus(failure(t('optionsSaveFailed')));
      void sendToBackground('getSettings', null).then(setSettingsState);
    }
  };

  // Every site needs the browser's permission first; the request is the click's first call.
  const chooseMode = (mode: Mode) => {
    if (mode !== 'everywhere') return void save({ mode });
    void requestEverySite(granted)
      .then((ok) => (ok ? save({ mode }) : setStatus(failure(t('popupAccessNotGranted')))))
      .catch(() => setStatus(failure(t('popupAccessNotGranted'))));
  };
  const grantEverySite = () => {
    void requestEverySite(granted)
      .then((ok) => setStatus(ok ? saved(t('optionsSaved')) : failure(t('popupAccessNotGranted'))))
      .catch(() => setStatus(failure(t('popupAccessNotGranted'))));
  };
  const siteAccess = {
    has: (host: string) => (granted ? hasAccessTo(granted, host) : true),
    request: (host: string) => requestSite(host, granted).catch(() => false),
  };

  const clearHistory = async () => {
    setConfirmClear(false);
    try {
      await sendToBackground('clearHistory', null);
      setClearResult(saved(t('optionsHistoryCleared')));
    } catch {
      setClearResult(failure(t('optionsHistoryClearFailed')));
    }
  };

  const checkNow = async () => {
    setChecking(true);
    try {
      const result = await sendToBackground('checkDataUpdate', null);
      setUpdateState((state) => ({
        ...(state ?? { etag: null, etagFor: null }),
        lastCheck: Date.now(),
        lastResult: result,
      }));
      // A new data set changes the version, date and counts shown above.
      if (result.status === 'updated') void loadDataFacts().then(setFacts);
    } catch (error) {
      setUpdateState((state) => ({
        ...(state ?? { etag: null, etagFor: null }),
        lastCheck: Date.now(),
        lastResult: { status: 'failed', detail: String(error) },
      }));
    } finally {
      setChecking(false);
    }
  };

  return (
    <main class="options op" data-testid="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="op-intro">{t('optionsIntro')}</p>
      <p
        class={status.error ? 'op-saved op-saved--error' : 'op-saved'}
        role="status"
        aria-live="polite"
        data-testid="saved"
        data-error={status.error ? 'true' : undefined}
      >
        {status.text}
      </p>
      {!settings ? (
        <p class="op-hint">{t('popupLoading')}</p>
      ) : (
        <>
          <Section title={t('optionsModeHeading')} testId="options-mode">
            <fieldset class="op-fieldset" aria-describedby={modeHintId}>
              <legend class="us-sr">{t('optionsModeHeading')}</legend>
              {MODES.map((mode) => (
                <div class="op-radio" key={mode.value}>
                  <input
                    type="radio"
                    name="mode"
                    id={`mode-${mode.value}`}
                    value={mode.value}
                    checked={settings.mode === mode.value}
                    aria-describedby={`mode-${mode.value}-hint`}
                    onChange={() => chooseMode(mode.value)}
                  />
                  <label for={`mode-${mode.value}`}>{t(mode.label)}</label>
                  <p id={`mode-${mode.value}-hint`} class="op-hint">
                    {t(mode.hint)}
                  </p>
                </div>
              ))}
            </fieldset>
            <p id={modeHintId} class="op-hint">
              {t('optionsModeNote')}
            </p>
            {granted && settings.mode === 'everywhere' && !granted.everySite && (
              <div class="op-alert" role="alert" data-testid="access-missing">
                <p>{t('optionsAccessMissing')}</p>
                <button type="button" class="us-btn" onClick={grantEverySite} data-testid="grant-every-site">
                  {t('optionsAccessGrant')}
                </button>
              </div>
            )}
          </Section>

          <Section title={t('optionsSitesHeading')} testId="options-sites">
            <HostList
              title={t('optionsAllowList')}
              hint={t('optionsAllowListHint')}
              hosts={settings.allowList}
              onChange={(allowList) => void save({ allowList })}
              testId="allow-list"
              access={siteAccess}
            />
            <HostList
              title={t('optionsDenyList')}
              hint={t('optionsDenyListHint')}
              hosts={settings.denyList}
              onChange={(denyList) => void save({ denyList })}
              testId="deny-list"
            />
          </Section>

          <Section title={t('optionsMarksHeading')} testId="options-marks">
            <MarkLevelField value={settings.markLevel} onChange={(markLevel) => void save({ markLevel })} />
            <fieldset class="op-fieldset">
              <legend class="op-label">{t('optionsMarkStyle')}</legend>
              {MARK_STYLES.map((style) => (
                <div class="op-radio op-radio--inline" key={style.value}>
                  <input
                    type="radio"
                    name="markStyle"
                    id={`mark-${style.value}`}
                    value={style.value}
                    checked={settings.markStyle === style.value}
                    onChange={() => void save({ markStyle: style.value })}
                  />
                  <label for={`mark-${style.value}`}>
                    <span class={`op-sample op-sample--${style.value}`}>{t(style.label)}</span>
                  </label>
                </div>
              ))}
            </fieldset>
            <Toggle
              checked={settings.firstMentionOnly}
              label={t('optionsFirstMentionOnly')}
              hint={t('optionsFirstMentionOnlyHint')}
              onChange={(firstMentionOnly) => void save({ firstMentionOnly })}
              testId="first-mention-only"
            />
            <Toggle
              checked={settings.badge}
              label={t('optionsBadge')}
              hint={t('optionsBadgeHint')}
              onChange={(badge) => void save({ badge })}
              testId="badge"
            />
            <h3 id={legendId} class="op-h3">
              {t('legendHeading')}
            </h3>
            <MarkLegend style={settings.markStyle} labelledBy={legendId} />
          </Section>

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
            <p
              class={clearResult.error ? 'op-result op-result--error' : 'op-result'}
              role="status"
              aria-live="polite"
              data-testid="clear-result"
              data-error={clearResult.error ? 'true' : undefined}
            >
              {clearResult.text}
            </p>
          </Section>

          <Section title={t('optionsDataHeading')} testId="options-data">
            {facts && (
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
            )}
            <h3 class="op-h3">{t('optionsUpdatesHeading')}</h3>
            <Toggle
              checked={settings.dataUpdates}
              label={t('optionsUpdates')}
              hint={t('optionsUpdatesHint')}
              onChange={(dataUpdates) => void save({ dataUpdates })}
              testId="data-updates"
            />
            <UpdateUrl
              value={settings.dataUpdateUrl}
              onSave={(dataUpdateUrl) => void save({ dataUpdateUrl })}
            />
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
            <p
              class={updateFailed(updateState?.lastResult) ? 'op-result op-result--error' : 'op-result'}
              role="status"
              aria-live="polite"
              data-testid="update-result"
            >
              {updateState?.lastCheck
                ? t('optionsUpdateLast', [
                    formatTime(updateState.lastCheck),
                    describeUpdateResult(updateState.lastResult),
                  ])
                : t('optionsUpdateNever')}
            </p>
          </Section>
        </>
      )}

      <Section title={t('optionsPrivacyHeading')} testId="options-privacy">
        <p>{t('optionsPrivacy')}</p>
        <p class="op-hint">{t('optionsPrivacyUpdates')}</p>
      </Section>
    </main>
  );
}
