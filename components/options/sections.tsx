/**
 * The options page's sections that only show and change settings: where it runs (mode), which
 * sites (allow and deny lists), and how marks look. Each gets the settings in force and `save`.
 */
import { useId } from 'preact/hooks';
import { requestEverySite, requestSite } from '../../lib/access/permissions';
import { hasAccessTo, type GrantedAccess } from '../../lib/access/sites';
import type { MarkStyle, Mode, Settings } from '../../lib/settings/settings';
import { t } from '../../lib/ui/i18n';
import { MarkLegend } from '../popup/MarkLegend';
import { HostList } from './HostList';
import { MarkLevelField } from './MarkLevelField';
import { failure, saved, Section, Toggle, type Status } from './parts';

export interface SectionProps {
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<void>;
  /** What the browser granted; null while unknown. */
  granted: GrantedAccess | null;
  setStatus: (status: Status) => void;
}

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

export function ModeSection({ settings, save, granted, setStatus }: SectionProps) {
  const modeHintId = useId();
  const refused = () => setStatus(failure(t('popupAccessNotGranted')));
  // Every site needs the browser's permission first; the request is the click's first call.
  const chooseMode = (mode: Mode) => {
    if (mode !== 'everywhere') return void save({ mode });
    void requestEverySite(granted)
      .then((ok) => (ok ? save({ mode }) : refused()))
      .catch(refused);
  };
  const grantEverySite = () => {
    void requestEverySite(granted)
      .then((ok) => (ok ? setStatus(saved(t('optionsSaved'))) : refused()))
      .catch(refused);
  };
  return (
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
  );
}

export function SitesSection({ settings, save, granted }: SectionProps) {
  const siteAccess = {
    has: (host: string) => (granted ? hasAccessTo(granted, host) : true),
    request: (host: string) => requestSite(host, granted).catch(() => false),
  };
  return (
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
  );
}

export function MarksSection({ settings, save }: SectionProps) {
  const legendId = useId();
  return (
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
  );
}
