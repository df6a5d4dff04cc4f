/**
 * "This page": every person and topic marked on the tab, people first, each with its status and
 * number of marks. Choosing one asks the tab to scroll to it and open its card. What was found but
 * is not marked is said under the list (PageNotes), never offered as something to reveal.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { sendToTab, type PageReport } from '../../lib/messaging/protocol';
import { rosterCsv, rosterMarkdown } from '../../lib/ui/export';
import { t } from '../../lib/ui/i18n';
import { formatList } from '../card/format';
import { Icon } from '../card/icons';
import { statusVariant } from '../card/status';
import type { MarkStyle } from '../../lib/settings/settings';
import { EmptyState, failed, Loading, NoticeLine, ok, plural, TitledList, type Notice } from './common';
import { loadRoster, topicRows, type PageRoster } from './data';
import { MarkLegend } from './MarkLegend';
import { PageNotes } from './PageNotes';
import { exportFileName, exportLabels, rosterForExport } from './roster-export';
import { RosterRow } from './RosterList';
import { badgeVariant } from './StatusBadge';

export interface ThisPageProps {
  tabId: number | null;
  report: PageReport | null;
  /** A page no extension may read: there is no "Scan this page" to point to. */
  restricted?: boolean;
  /** Closes the popup once the page has the mention in view (window.close in the real popup). */
  close: () => void;
  copy: (text: string) => Promise<void>;
  download: (fileName: string, text: string, type: string) => void;
  now?: () => Date;
  /** The reader's mark style, for the legend (underline until the settings are known). */
  markStyle?: MarkStyle;
}

/** "4 signatories, 1 other name from the debate and 2 topics on this page". */
export function pageSummary(roster: PageRoster, report?: PageReport): string {
  const variants = roster.people.map((p) => (p.entity ? statusVariant(p.entity) : null));
  const signatories = variants.filter(
    (v) => v === 'signed' || v === 'signedSingle' || v === 'organiser',
  ).length;
  const actors = variants.filter((v) => v === 'actor').length;
  const unconfirmed = variants.filter((v) => v === 'unconfirmed').length;
  const topics = topicRows(roster.topics).length;
  if (roster.people.length === 0 && topics === 0) {
    const unmarked = (report?.unmarked?.topicsOffPage ?? 0) + (report?.unmarked?.hiddenByLevel ?? 0);
    return t(unmarked > 0 ? 'popupSummaryNothingMarked' : 'popupSummaryNothing');
  }
  const parts = [
    signatories === 0
      ? t('popupCountSignatoriesNone')
      : plural(signatories, 'popupCountSignatoriesOne', 'popupCountSignatoriesMany'),
  ];
  if (actors > 0) parts.push(plural(actors, 'popupCountActorsOne', 'popupCountActorsMany'));
  if (unconfirmed > 0)
    parts.push(plural(unconfirmed, 'popupCountUnconfirmedOne', 'popupCountUnconfirmedMany'));
  if (topics > 0) parts.push(plural(topics, 'popupCountTopicsOne', 'popupCountTopicsMany'));
  return t('popupSummary', formatList(parts));
}

type State = { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; roster: PageRoster };

/** The roster of the tab's report, loaded again whenever the report changes. */
function useRoster(report: PageReport | null): State {
  const [state, setState] = useState<State>(report ? { kind: 'loading' } : { kind: 'none' });
  useEffect(() => {
    if (!report) {
      setState({ kind: 'none' });
      return;
    }
    let current = true;
    void loadRoster(report).then((roster) => current && setState({ kind: 'ready', roster }));
    return () => {
      current = false;
    };
  }, [report]);
  return state;
}

/** Asks the tab to show a mention; closes the popup when it did, says why when it could not. */
function revealer(tabId: number | null, close: () => void, setNotice: (notice: Notice) => void) {
  return async (kind: 'entity' | 'topic', id: string) => {
    if (tabId === null) return;
    setNotice(ok(''));
    try {
      const reply = await sendToTab(tabId, 'revealMention', { ref: { kind, id } });
      if (reply?.ok) {
        close();
        return;
      }
      // The content script answered but has no such mark: the page changed since it was read.
      setNotice(failed(t('popupRevealGone')));
    } catch {
      // Nobody answered: the content script is gone (an update, or the site was turned off).
      setNotice(failed(t('popupRevealNoScript')));
    }
  };
}

export function ThisPage(props: ThisPageProps) {
  const { report } = props;
  const state = useRoster(report);
  const [notice, setNotice] = useState<Notice>(ok(''));

  if (state.kind === 'none' || !report) {
    return (
      <EmptyState
        testId="page-none"
        title={t('popupNothingReported')}
        hint={props.restricted ? undefined : t('popupNothingReportedWhy')}
      />
    );
  }
  if (state.kind === 'loading') return <Loading />;

  const { roster } = state;
  return (
    <div class="pp-page">
      <p class="pp-summary" data-testid="page-summary">
        {pageSummary(roster, report)}
      </p>
      {report.title && (
        <p class="pp-pagetitle us-muted" title={report.url}>
          {report.title}
        </p>
      )}
      <Roster roster={roster} reveal={revealer(props.tabId, props.close, setNotice)} />
      <PageNotes report={report} />
      {roster.people.some((p) => p.entity) && (
        <ExportActions {...props} report={report} roster={roster} setNotice={setNotice} />
      )}
      <NoticeLine notice={notice} testId="page-notice" />
      {(roster.people.length > 0 || roster.topics.length > 0) && (
        <PageLegend markStyle={props.markStyle ?? 'underline'} />
      )}
    </div>
  );
}

/** People first, then topics; each row reveals its first mention. */
function Roster({
  roster,
  reveal,
}: {
  roster: PageRoster;
  reveal: (kind: 'entity' | 'topic', id: string) => Promise<void>;
}) {
  return (
    <>
      {roster.people.length > 0 && (
        <TitledList heading={t('popupPeopleHeading')} listClass="pp-roster" testId="roster-people">
          {roster.people.map(({ id, mentions, entity }) => (
            <RosterRow
              key={id}
              id={id}
              testId="roster-person"
              name={entity?.name ?? id}
              role={entity?.role ?? null}
              badge={badgeVariant(entity)}
              mentions={mentions}
              onChoose={() => void reveal('entity', id)}
            />
          ))}
        </TitledList>
      )}
      {roster.topics.length > 0 && (
        <TitledList heading={t('popupTopicsHeading')} listClass="pp-roster" testId="roster-topics">
          {topicRows(roster.topics).map(({ id, label, mentions, term }) => (
            <RosterRow
              key={id}
              id={id}
              testId="roster-topic"
              name={label}
              term={term}
              badge="topic"
              mentions={mentions}
              onChoose={() => void reveal('topic', id)}
            />
          ))}
        </TitledList>
      )}
    </>
  );
}

/** "Copy as Markdown" and "Download CSV" of the people on the page. */
function ExportActions(
  props: ThisPageProps & { report: PageReport; roster: PageRoster; setNotice: (notice: Notice) => void },
) {
  const { report, roster, setNotice } = props;
  const now = () => (props.now ?? (() => new Date()))();
  const onCopy = () => {
    const text = rosterMarkdown(rosterForExport(report, roster, now()), exportLabels());
    props.copy(text).then(
      () => setNotice(ok(t('exportCopied'))),
      () => setNotice(failed(t('exportCopyFailed'))),
    );
  };
  const onDownload = () => {
    const date = now();
    props.download(
      exportFileName(report.url, date),
      rosterCsv(rosterForExport(report, roster, date), exportLabels()),
      'text/csv',
    );
    setNotice(ok(t('exportDownloaded')));
  };
  return (
    <div class="pp-actions" role="group" aria-label={t('exportGroupLabel')}>
      <button type="button" class="us-btn" onClick={onCopy} data-testid="copy-markdown">
        <Icon name="copy" />
        {t('exportCopyMarkdown')}
      </button>
      <button type="button" class="us-btn" onClick={onDownload} data-testid="download-csv">
        {t('exportDownloadCsv')}
      </button>
    </div>
  );
}

/** What the marks mean, folded under the roster. */
function PageLegend({ markStyle }: { markStyle: MarkStyle }) {
  const legendId = useId();
  return (
    <details class="pp-legend" data-testid="popup-legend">
      <summary id={legendId}>{t('legendHeading')}</summary>
      <MarkLegend style={markStyle} labelledBy={legendId} />
    </details>
  );
}
