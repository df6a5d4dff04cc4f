/**
 * The welcome page, opened once on install. Undersigned asks for no site access at install; here
 * the reader chooses, with one click: annotate every site (the browser then asks for access to
 * all sites) or only the sites they pick (nothing more is asked now; "Always run on this site" in
 * the toolbar popup asks for one site at a time).
 */
import { useEffect, useState } from 'preact/hooks';
import { readAccess, requestEverySite } from '../../lib/access/permissions';
import type { GrantedAccess } from '../../lib/access/sites';
import { sendToBackground } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';

type Choice =
  | { kind: 'none' }
  | { kind: 'every-site' }
  | { kind: 'pick-sites' }
  /** The browser's prompt was declined (or failed): nothing changed. */
  | { kind: 'declined' };

export interface WelcomeProps {
  /** Opens the options page (browser.runtime.openOptionsPage in the extension). */
  openOptions: () => void;
}

export function Welcome(props: WelcomeProps) {
  const [choice, setChoice] = useState<Choice>({ kind: 'none' });
  const [granted, setGranted] = useState<GrantedAccess | null>(null);

  // Opened again later (or access granted elsewhere): show what is already in force.
  useEffect(() => {
    void Promise.all([readAccess(), sendToBackground('getSettings', null)])
      .then(([access, settings]) => {
        setGranted(access);
        if (settings.mode === 'everywhere' && access.everySite) setChoice({ kind: 'every-site' });
      })
      .catch(() => undefined);
  }, []);

  const everySite = () => {
    // The request first, synchronously in the click: Firefox drops the gesture at the first await.
    void requestEverySite(granted)
      .then(async (ok) => {
        if (!ok) return setChoice({ kind: 'declined' });
        await sendToBackground('setSettings', { mode: 'everywhere' });
        setChoice({ kind: 'every-site' });
      })
      .catch(() => setChoice({ kind: 'declined' }));
  };

  const pickSites = () => {
    void sendToBackground('setSettings', { mode: 'allowed-sites' })
      .then(() => setChoice({ kind: 'pick-sites' }))
      .catch(() => setChoice({ kind: 'declined' }));
  };

  return (
    <main class="op wl" data-testid="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p class="wl-lead">{t('welcomeLead')}</p>
      <ul class="wl-points">
        <li>{t('welcomePointMarks')}</li>
        <li>{t('welcomePointCard')}</li>
        <li>{t('welcomePointPrivacy')}</li>
      </ul>
      <section class="wl-choice" aria-labelledby="wl-choice-heading">
        <h2 id="wl-choice-heading">{t('welcomeChoiceHeading')}</h2>
        <div class="wl-options">
          <div class="wl-option">
            <button
              type="button"
              class="us-btn wl-primary"
              onClick={everySite}
              data-testid="welcome-every-site"
            >
              {t('welcomeEverySite')}
            </button>
            <p class="op-hint">{t('welcomeEverySiteHint')}</p>
          </div>
          <div class="wl-option">
            <button type="button" class="us-btn" onClick={pickSites} data-testid="welcome-pick-sites">
              {t('welcomePickSites')}
            </button>
            <p class="op-hint">{t('welcomePickSitesHint')}</p>
          </div>
        </div>
        <p class="wl-result" role="status" aria-live="polite" data-testid="welcome-result">
          {choice.kind === 'every-site'
            ? t('welcomeDoneEverySite')
            : choice.kind === 'pick-sites'
              ? t('welcomeDonePickSites')
              : choice.kind === 'declined'
                ? t('welcomeDeclined')
                : ''}
        </p>
      </section>
      <p class="op-hint">
        <button type="button" class="us-link" onClick={props.openOptions}>
          {t('welcomeOpenSettings')}
        </button>
      </p>
    </main>
  );
}
