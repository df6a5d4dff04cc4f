/** The toolbar popup: what the current page mentions, and which data is installed. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendToBackground, type ExtensionInfo, type PageReport } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';

export function Popup() {
  const [info, setInfo] = useState<ExtensionInfo | null>(null);
  const [report, setReport] = useState<PageReport | null>(null);

  useEffect(() => {
    void sendToBackground('getInfo', null).then(setInfo);
    void browser.tabs.query({ active: true, currentWindow: true }).then(async ([tab]) => {
      if (tab?.id !== undefined) setReport(await sendToBackground('getTabReport', { tabId: tab.id }));
    });
  }, []);

  return (
    <main class="popup" data-testid="popup">
      <h1>{t('popupTitle')}</h1>
      {report ? (
        <p data-testid="page-summary">
          {t('popupPageSummary', [String(report.people.length), String(report.topics.length)])}
        </p>
      ) : (
        <p>{t('popupNoPage')}</p>
      )}
      {info && (
        <footer data-testid="data-version">
          {t('popupDataVersion', [info.dataVersion, String(info.signatoriesPublished)])}
        </footer>
      )}
    </main>
  );
}
