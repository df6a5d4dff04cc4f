/**
 * The top of "This page": whether Undersigned reads this site and why, with the one or two actions
 * that change it — "Scan this page" (once, through activeTab), "Always run on this site" (asks the
 * browser for this site), "Allow on every site" when that access was revoked, and turning the site
 * off or back on. Permission requests are the first call of their click handlers: Firefox only
 * grants them during the user's gesture.
 */
import { useState } from 'preact/hooks';
import { requestEverySite, requestSite } from '../../lib/access/permissions';
import { settingsToRunOn } from '../../lib/access/sites';
import { sendToBackground } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';
import type { Settings } from '../../lib/settings/settings';
import { failed, NoticeLine } from './common';
import type { SiteFacts } from './data';

export interface SiteAccessPanelProps {
  tabId: number | null;
  site: SiteFacts;
  /** Whether the tab's content script has reported (it runs there now). */
  reported: boolean;
  /** Called after an action changed what runs on the tab: reload the report and these facts. */
  onChanged: () => void;
}

type Access = SiteFacts['access'];

/** Whether Undersigned reads this site, and why not when it does not. */
function accessMessage(access: Exclude<Access, { kind: 'restricted' }>): string {
  if (access.kind === 'on') return t('popupAccessOn', access.host);
  if (access.kind === 'no-access')
    return access.host === null ? t('popupAccessNoneUnknown') : t('popupAccessNone', access.host);
  if (access.reason === 'denied') return t('popupAccessDenied', access.host);
  return access.reason === 'on-click' ? t('popupAccessOnClick') : t('popupAccessNotAllowed', access.host);
}

/**
 * The panel's actions. Each runs one step at a time (the buttons wait), says a failure in the
 * notice, and asks the popup to read the tab again whatever happened.
 */
function useAccessActions({ tabId, site, reported, onChanged }: SiteAccessPanelProps) {
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const { settings, granted } = site;
  const host = site.access.kind === 'restricted' ? null : site.access.host;
  const run = async (step: () => Promise<boolean>, failure: string) => {
    setBusy(true);
    setNotice('');
    try {
      if (!(await step())) setNotice(t(failure));
    } catch {
      setNotice(t(failure));
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const scan = async () => {
    if (tabId === null) return false;
    return (await sendToBackground('scanTab', { tabId })).ok;
  };
  /** After a permission request (already started, in the click): save `patch`, then read the tab. */
  const afterGrant = (request: Promise<boolean>, patch: Partial<Settings>) =>
    void run(async () => {
      if (!(await request)) {
        setNotice(t('popupAccessNotGranted'));
        return true;
      }
      await sendToBackground('setSettings', patch);
      return reported || scan();
    }, 'popupAccessFailed');
  return {
    notice,
    busy,
    onScan: () => void run(scan, 'popupAccessFailed'),
    onAlwaysRun: () => {
      if (host === null) return;
      afterGrant(requestSite(host, granted), settingsToRunOn(settings, host));
    },
    onEverySite: () => afterGrant(requestEverySite(granted), { mode: 'everywhere' }),
    onTurnOff: () => {
      if (host === null) return;
      void run(async () => {
        await sendToBackground('setSettings', { denyList: [...settings.denyList, host] });
        return true;
      }, 'optionsSaveFailed');
    },
  };
}

export function SiteAccessPanel(props: SiteAccessPanelProps) {
  const { site, reported } = props;
  const { access, settings, granted } = site;
  const actions = useAccessActions(props);
  if (access.kind === 'restricted') {
    return (
      <p class="pp-access us-muted" data-testid="site-access" data-kind="restricted">
        {t('popupAccessRestricted')}
      </p>
    );
  }
  const { busy } = actions;
  // Every-site mode without the access (never granted, or revoked in the browser's settings).
  const lostEverySite = settings.mode === 'everywhere' && !granted.everySite && access.kind === 'no-access';

  return (
    <div class="pp-access" data-testid="site-access" data-kind={access.kind}>
      <p class="pp-access__line">{accessMessage(access)}</p>
      {lostEverySite && (
        <p class="pp-access__line us-muted" data-testid="access-lost">
          {t('popupAccessLostEverySite')}
        </p>
      )}
      <div class="pp-actions">
        {!reported && (
          <Action
            disabled={busy}
            onClick={actions.onScan}
            testId="scan-page"
            label={t('popupScanThisPage')}
          />
        )}
        {lostEverySite ? (
          <Action
            disabled={busy}
            onClick={actions.onEverySite}
            testId="allow-every-site"
            label={t('popupAllowEverySite')}
          />
        ) : access.kind === 'on' ? (
          <Action
            disabled={busy}
            onClick={actions.onTurnOff}
            testId="turn-off-here"
            label={t('popupTurnOffHere')}
          />
        ) : (
          access.host !== null && (
            <Action
              disabled={busy}
              onClick={actions.onAlwaysRun}
              testId="always-run-here"
              label={
                access.kind === 'off' && access.reason === 'denied'
                  ? t('popupTurnOnHere')
                  : t('popupAlwaysRunHere')
              }
            />
          )
        )}
      </div>
      {/* Every notice here is a failure or a refusal, with what to do next: styled as an error. */}
      <NoticeLine notice={failed(actions.notice)} testId="access-notice" />
    </div>
  );
}

interface ActionProps {
  onClick: () => void;
  disabled: boolean;
  testId: string;
  label: string;
}

/** One of the panel's buttons (all alike but for what they do and say). */
function Action({ onClick, disabled, testId, label }: ActionProps) {
  return (
    <button type="button" class="us-btn" disabled={disabled} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );
}
