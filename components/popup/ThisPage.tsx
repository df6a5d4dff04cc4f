/**
 * "This page": every person and topic marked on the tab, people first, each with its status and
 * number of marks. Choosing one asks the tab to scroll to it and open its card. What was found but
 * is not marked is said under the list (PageNotes), never offered as something to reveal.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { Entity } from '../../lib/data/model';
import { sendToTab, type PageReport } from '../../lib/messaging/protocol';
import { isoDay, rosterCsv, rosterMarkdown, type Roster, type RosterLabels } from '../../lib/ui/export';
import { t } from '../../lib/ui/i18n';
import { citationStatus } from '../card/citation';
import { formatList } from '../card/format';
import { Icon } from '../card/icons';
import { pickSources } from '../card/sources';
import { statusVariant } from '../card/status';
import type { MarkStyle } from '../../lib/store/settings';
import { loadRoster, topicRows, type PageRoster } from './data';
import { MarkLegend } from './MarkLegend';
import { PageNotes } from './PageNotes';
import { StatusBadge, badgeVariant, type BadgeVariant } from './StatusBadge';

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

/** A notice under the roster: a success, or an error that says what the reader can do. */
interface Notice {
  text: string;
  error: boolean;
}
const ok = (text: string): Notice => ({ text, error: false });
const failed = (text: string): Notice => ({ text, error: true });

const plural = (n: number, one: string, many: string) => (n === 1 ? t(one) : t(many, String(n)));

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

function exportStatus(entity: Entity): string {
  const words = citationStatus(entity);
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

export function rosterForExport(report: PageReport, roster: PageRoster, date: Date): Roster {
  return {
    pageUrl: report.url,
    pageTitle: report.title,
    date,
    rows: roster.people.flatMap(({ entity, mentions }) => {
      if (!entity) return [];
      const best = pickSources(entity.sources, 1)[0];
      return [
        {
          name: entity.name,
          status: exportStatus(entity),
          mentions,
          sourceUrl: best?.url ?? null,
          sourceOutlet: best?.outlet ?? null,
        },
      ];
    }),
  };
}

export function exportLabels(): RosterLabels {
  return {
    name: t('exportColumnName'),
    status: t('exportColumnStatus'),
    mentions: t('exportColumnMentions'),
    pageUrl: t('exportColumnPageUrl'),
    pageTitle: t('exportColumnPageTitle'),
    date: t('exportColumnDate'),
    source: t('exportColumnSource'),
    sourceUrl: t('exportColumnSourceUrl'),
    heading: t('exportHeading'),
  };
}

function fileName(url: string, date: Date): string {
  let host = 'page';
  try {
    host = new URL(url).hostname.replace(/^www\./, '').replace(/[^a-z0-9.-]/gi, '') || host;
  } catch {
    // Keep "page".
  }
  return `undersigned-${host}-${isoDay(date)}.csv`;
}

/** One person or topic of the roster: a button that reveals its first mention on the page. */
function RosterRow(props: {
  id: string;
  testId: string;
  name: string;
  /** A topic's term (styled as a term, no role line). */
  term?: boolean;
  role?: string | null;
  badge: BadgeVariant;
  mentions: number;
  onChoose: () => void;
}) {
  return (
    <li>
      <button
        type="button"
        class="pp-row"
        data-id={props.id}
        data-testid={props.testId}
        onClick={props.onChoose}
      >
        <span class="pp-row__main">
          <span class={props.term ? 'pp-row__name pp-row__name--term' : 'pp-row__name'}>{props.name}</span>
          {props.role && <span class="pp-row__role">{props.role}</span>}
        </span>
        <span class="pp-row__side">
          <StatusBadge variant={props.badge} />
          <span class="pp-row__count">{plural(props.mentions, 'popupMentionsOne', 'popupMentionsMany')}</span>
        </span>
        <Icon name="chevron" class="us-icon pp-row__go" />
      </button>
    </li>
  );
}

type State = { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; roster: PageRoster };

export function ThisPage(props: ThisPageProps) {
  const { report, tabId } = props;
  const [state, setState] = useState<State>(report ? { kind: 'loading' } : { kind: 'none' });
  const [notice, setNotice] = useState<Notice>(ok(''));
  const peopleId = useId();
  const topicsId = useId();
  const legendId = useId();

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

  if (state.kind === 'none' || !report) {
    return (
      <div class="pp-empty" data-testid="page-none">
        <p class="pp-empty__title">{t('popupNothingReported')}</p>
        {!props.restricted && <p class="us-muted">{t('popupNothingReportedWhy')}</p>}
      </div>
    );
  }
  if (state.kind === 'loading')
    return (
      <p class="us-muted" role="status">
        {t('popupLoading')}
      </p>
    );

  const { roster } = state;
  const reveal = async (kind: 'entity' | 'topic', id: string) => {
    if (tabId === null) return;
    setNotice(ok(''));
    try {
      const reply = await sendToTab(tabId, 'revealMention', { ref: { kind, id } });
      if (reply?.ok) {
        props.close();
        return;
      }
      // The content script answered but has no such mark: the page changed since it was read.
      setNotice(failed(t('popupRevealGone')));
    } catch {
      // Nobody answered: the content script is gone (an update, or the site was turned off).
      setNotice(failed(t('popupRevealNoScript')));
    }
  };

  const onCopy = () => {
    const text = rosterMarkdown(
      rosterForExport(report, roster, (props.now ?? (() => new Date()))()),
      exportLabels(),
    );
    props.copy(text).then(
      () => setNotice(ok(t('exportCopied'))),
      () => setNotice(failed(t('exportCopyFailed'))),
    );
  };
  const onDownload = () => {
    const date = (props.now ?? (() => new Date()))();
    props.download(
      fileName(report.url, date),
      rosterCsv(rosterForExport(report, roster, date), exportLabels()),
      'text/csv',
    );
    setNotice(ok(t('exportDownloaded')));
  };

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
      {roster.people.length > 0 && (
        <section aria-labelledby={peopleId}>
          <h2 id={peopleId} class="us-h3 pp-h">
            {t('popupPeopleHeading')}
          </h2>
          <ul class="pp-roster" data-testid="roster-people">
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
          </ul>
        </section>
      )}
      {roster.topics.length > 0 && (
        <section aria-labelledby={topicsId}>
          <h2 id={topicsId} class="us-h3 pp-h">
            {t('popupTopicsHeading')}
          </h2>
          <ul class="pp-roster" data-testid="roster-topics">
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
          </ul>
        </section>
      )}
      <PageNotes report={report} />
      {roster.people.some((p) => p.entity) && (
        <div class="pp-actions" role="group" aria-label={t('exportGroupLabel')}>
          <button type="button" class="us-btn" onClick={onCopy} data-testid="copy-markdown">
            <Icon name="copy" />
            {t('exportCopyMarkdown')}
          </button>
          <button type="button" class="us-btn" onClick={onDownload} data-testid="download-csv">
            {t('exportDownloadCsv')}
          </button>
        </div>
      )}
      <p
        class={notice.error ? 'pp-notice pp-notice--error' : 'pp-notice'}
        role="status"
        aria-live="polite"
        data-testid="page-notice"
        data-error={notice.error ? 'true' : undefined}
      >
        {notice.text}
      </p>
      {(roster.people.length > 0 || roster.topics.length > 0) && (
        <details class="pp-legend" data-testid="popup-legend">
          <summary id={legendId}>{t('legendHeading')}</summary>
          <MarkLegend style={props.markStyle ?? 'underline'} labelledBy={legendId} />
        </details>
      )}
    </div>
  );
}
