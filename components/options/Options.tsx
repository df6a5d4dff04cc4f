/** The options page; settings arrive with the store (see the issues for what is planned). */
import { useEffect, useState } from 'preact/hooks';
import { sendToBackground, type ExtensionInfo } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';

export function Options() {
  const [info, setInfo] = useState<ExtensionInfo | null>(null);
  useEffect(() => {
    void sendToBackground('getInfo', null).then(setInfo);
  }, []);
  return (
    <main class="options" data-testid="options">
      <h1>{t('optionsTitle')}</h1>
      {info && (
        <p data-testid="data-version">
          {t('popupDataVersion', [info.dataVersion, String(info.signatoriesPublished)])}
        </p>
      )}
    </main>
  );
}
