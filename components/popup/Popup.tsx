/**
 * The toolbar popup: four tabs (This page, The letter, Search, History) over what the background
 * and the tab's content script know.
 *
 * `?tabId=N` in the popup's URL shows tab N instead of the active tab: the e2e tests open
 * popup.html as a tab of its own, which would otherwise be the active tab (see data.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PageReport } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';
import { loadDataFacts, loadReport, loadSite, resolveTabId, type DataFacts, type SiteFacts } from './data';
import { Loading } from './common';
import { HistoryTab } from './HistoryTab';
import { LookupPanel } from './LookupPanel';
import { LetterTab } from './LetterTab';
import { SearchTab } from './SearchTab';
import { SiteAccessPanel } from './SiteAccessPanel';
import { Tabs } from './Tabs';
import { ThisPage } from './ThisPage';

export interface PopupProps {
  /** The popup URL's query string (`?tabId=N`); location.search when omitted. */
  search?: string;
  close?: () => void;
  copy?: (text: string) => Promise<void>;
  download?: (fileName: string, text: string, type: string) => void;
}

type PageState =
  | { kind: 'loading' }
  | { kind: 'ready'; tabId: number | null; report: PageReport | null; site: SiteFacts | null };

function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) return Promise.reject(new Error('clipboard unavailable'));
  return navigator.clipboard.writeText(text);
}

/** A file from a Blob URL and `<a download>`: no "downloads" permission needed. */
function downloadText(fileName: string, text: string, type: string): void {
  // The byte-order mark makes spreadsheet apps read the file as UTF-8 (names have accents).
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Firefox starts the download after the click returns: revoke only later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Popup(props: PopupProps) {
  const [page, setPage] = useState<PageState>({ kind: 'loading' });
  const [facts, setFacts] = useState<DataFacts | null>(null);

  const loadPage = () =>
    void resolveTabId(props.search)
      .then(async (tabId) => ({
        tabId,
        report: tabId === null ? null : await loadReport(tabId),
        site: await loadSite(tabId).catch(() => null),
      }))
      .catch(() => ({ tabId: null, report: null, site: null }))
      .then(({ tabId, report, site }) => setPage({ kind: 'ready', tabId, report, site }));

  useEffect(() => {
    void loadDataFacts().then(setFacts, () => setFacts(null));
    loadPage();
  }, [props.search]);

  return (
    <div class="us-card pp" data-testid="popup">
      <header class="pp-head">
        <h1 class="pp-title">{t('popupTitle')}</h1>
        <p class="pp-sub">{t('popupSubtitle')}</p>
      </header>
      {/* A context-menu lookup the page could not show (renders nothing otherwise). */}
      <LookupPanel />
      <Tabs
        label={t('popupTabsLabel')}
        tabs={[
          {
            id: 'page',
            label: t('popupTabPage'),
            render: () => <PageTab page={page} reload={loadPage} {...props} />,
          },
          { id: 'letter', label: t('popupTabLetter'), render: () => <LetterTab facts={facts} /> },
          {
            id: 'search',
            label: t('popupTabSearch'),
            render: () => <SearchTab counts={facts?.counts ?? null} />,
          },
          { id: 'history', label: t('popupTabHistory'), render: () => <HistoryTab /> },
        ]}
      />
      <PopupFooter facts={facts} />
    </div>
  );
}

/** "This page": the site's access panel over the roster. */
function PageTab({ page, reload, ...props }: PopupProps & { page: PageState; reload: () => void }) {
  if (page.kind === 'loading') return <Loading />;
  return (
    <>
      {page.site && (
        <SiteAccessPanel
          tabId={page.tabId}
          site={page.site}
          reported={page.report !== null}
          onChanged={reload}
        />
      )}
      <ThisPage
        tabId={page.tabId}
        report={page.report}
        restricted={page.site?.access.kind === 'restricted'}
        close={props.close ?? (() => window.close())}
        copy={props.copy ?? copyText}
        download={props.download ?? downloadText}
        markStyle={page.site?.settings.markStyle}
      />
    </>
  );
}

/** The data set's version and the way to the settings. */
function PopupFooter({ facts }: { facts: DataFacts | null }) {
  return (
    <footer class="pp-foot">
      {facts && (
        <span data-testid="data-version">
          {t('popupDataVersion', [facts.info.dataVersion, String(facts.info.signatoriesPublished)])}
        </span>
      )}
      <button type="button" class="us-link pp-link" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('popupOpenSettings')}
      </button>
    </footer>
  );
}
