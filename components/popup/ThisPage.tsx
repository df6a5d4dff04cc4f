/**
 * "This page": every person and topic the content script found on the tab, people first, each with
 * its status and number of mentions. Choosing one asks the tab to scroll to it and open its card.
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
import { loadRoster, type PageRoster } from './data';
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
}

const plural = (n: number, one: string, many: string) => (n === 1 ? t(one) : t(many, String(n)));

/** "4 signatories, 1 other name from the debate and 2 topics on this page". */
export function pageSummary(roster: PageRoster): string {
  const variants = roster.people.map((p) => (p.entity ? statusVariant(p.entity) : null));
  const signatories = variants.filter(
    (v) => v === 'signed' || v === 'signedSingle' || v === 'organiser',
  ).length;
  const actors = variants.filter((v) => v === 'actor').length;
  const unconfirmed = variants.filter((v) => v === 'unconfirmed').length;
  const topics = roster.topics.length;
  if (roster.people.length === 0 && topics === 0) return t('popupSummaryNothing');
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
  const [notice, setNotice] = useState('');
  const peopleId = useId();
  const topicsId = useId();

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
    setNotice('');
    try {
      const reply = await sendToTab(tabId, 'revealMention', { ref: { kind, id } });
      if (reply?.ok) {
        props.close();
        return;
      }
    } catch {
      // Said below.
    }
    setNotice(t('popupRevealFailed'));
  };

  const onCopy = () => {
    const text = rosterMarkdown(
      rosterForExport(report, roster, (props.now ?? (() => new Date()))()),
      exportLabels(),
    );
    props.copy(text).then(
      () => setNotice(t('exportCopied')),
      () => setNotice(t('exportCopyFailed')),
    );
  };
  const onDownload = () => {
    const date = (props.now ?? (() => new Date()))();
    props.download(
      fileName(report.url, date),
      rosterCsv(rosterForExport(report, roster, date), exportLabels()),
      'text/csv',
    );
    setNotice(t('exportDownloaded'));
  };

  return (
    <div class="pp-page">
      <p class="pp-summary" data-testid="page-summary">
        {pageSummary(roster)}
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
            {roster.topics.map(({ id, mentions, topic }) => (
              <RosterRow
                key={id}
                id={id}
                testId="roster-topic"
                name={topic?.terms[0] ?? id}
                term
                badge="topic"
                mentions={mentions}
                onChoose={() => void reveal('topic', id)}
              />
            ))}
          </ul>
        </section>
      )}
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
      <p class="pp-notice" role="status" aria-live="polite" data-testid="page-notice">
        {notice}
      </p>
    </div>
  );
}
