/**
 * The settings page. Every change is saved at once through the background (setSettings) and
 * announced in one polite live region ("Saved"); changes made elsewhere (another options tab)
 * arrive through storage.onChanged.
 *
 * One component per section, as the popup has one per tab: sections.tsx (mode, sites, marks),
 * HistorySection.tsx, DataSection.tsx; this component holds what they share: the settings, the
 * granted access and the status line.
 */
import { useEffect, useState } from 'preact/hooks';
import { onAccessChanged, readAccess } from '../../lib/access/permissions';
import type { GrantedAccess } from '../../lib/access/sites';
import { sendToBackground } from '../../lib/messaging/protocol';
import { onSettingsChanged, type Settings } from '../../lib/settings/settings';
import { t } from '../../lib/ui/i18n';
import { DataSection } from './DataSection';
import { HistorySection } from './HistorySection';
import { failure, saved, Section, type Status } from './parts';
import { MarksSection, ModeSection, SitesSection, type SectionProps } from './sections';
import { ShortcutsSection } from './ShortcutsSection';

export function Options() {
  const [settings, setSettingsState] = useState<Settings | null>(null);
  const [status, setStatus] = useState<Status>(saved(''));
  const [granted, setGranted] = useState<GrantedAccess | null>(null);

  useEffect(() => {
    void sendToBackground('getSettings', null).then(setSettingsState);
    const stopSettings = onSettingsChanged(setSettingsState);
    const refreshAccess = () => void readAccess().then(setGranted, () => setGranted(null));
    refreshAccess();
    const stopAccess = onAccessChanged(refreshAccess);
    return () => {
      stopSettings();
      stopAccess();
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
  const sectionProps: SectionProps | null = settings && { settings, save, granted, setStatus };

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
      {!sectionProps ? (
        <p class="op-hint">{t('popupLoading')}</p>
      ) : (
        <>
          <ModeSection {...sectionProps} />
          <SitesSection {...sectionProps} />
          <MarksSection {...sectionProps} />
          <HistorySection {...sectionProps} />
          <DataSection {...sectionProps} />
        </>
      )}
      <ShortcutsSection />
      <Section title={t('optionsPrivacyHeading')} testId="options-privacy">
        <p>{t('optionsPrivacy')}</p>
        <p class="op-hint">{t('optionsPrivacyUpdates')}</p>
      </Section>
    </main>
  );
}
