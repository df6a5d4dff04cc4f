/**
 * What the popup and the options page ask the background for, in one place: which tab to show,
 * the installed data set's facts, and the page's roster with each person's entity.
 */
import { browser } from 'wxt/browser';
import { readAccess } from '../../lib/access/permissions';
import { siteAccessOf, type GrantedAccess, type SiteAccess } from '../../lib/access/sites';
import type { Settings } from '../../lib/settings/settings';
import { t } from '../../lib/ui/i18n';
import { statusVariant } from '../card/status';
import type { DataBundle, Entity, Letter, Topic } from '../../lib/data/model';
import {
  sendToBackground,
  sendToTab,
  type ExtensionInfo,
  type PageReport,
} from '../../lib/messaging/protocol';

/**
 * The tab the popup is about: `?tabId=N` when given (tests open the popup as a tab of its own, so
 * the active tab would be the popup itself), else the active tab of the popup's window.
 */
export async function resolveTabId(search: string = location.search): Promise<number | null> {
  const param = new URLSearchParams(search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/**
 * The page's report: the background's copy, or, if it has none (the service worker was restarted
 * before storage.session existed, or the report is still on its way), the content script's own.
 * Null when no content script runs there (browser pages, stores, pages opened before install).
 */
export async function loadReport(tabId: number): Promise<PageReport | null> {
  const stored = await sendToBackground('getTabReport', { tabId }).catch(() => null);
  if (stored) return stored;
  return sendToTab(tabId, 'getReport', null).catch(() => null);
}

export interface DataFacts {
  info: ExtensionInfo;
  letter: Letter | null;
  counts: DataBundle['counts'];
  /** The data set's compilation date (ISO), when the background could say. */
  dataDate: string | null;
}

/** The installed data's version, letter, counts and date: one getInfo. */
export async function loadDataFacts(): Promise<DataFacts> {
  const info = await sendToBackground('getInfo', null);
  return { info, letter: info.letter, counts: info.counts, dataDate: info.dataDate };
}

export interface RosterPerson {
  id: string;
  mentions: number;
  /** Null when the installed data no longer has this id (an update since the page was read). */
  entity: Entity | null;
}

export interface RosterTopic {
  id: string;
  mentions: number;
  topic: Topic | null;
}

export interface PageRoster {
  people: RosterPerson[];
  topics: RosterTopic[];
}

/** One row of the roster's topics: a topic by its first term, or a group of letter anchors. */
export interface TopicRow {
  /** The topic whose first mention the row reveals. */
  id: string;
  label: string;
  mentions: number;
  /** A term from the page's vocabulary (styled as a term), not a description. */
  term: boolean;
}

/**
 * Letter anchors (topics of group 'letter' and 'otherInitiative': "2.3M American jobs", "OSTP",
 * "SB 1047") are not vocabulary a reader looks up: they are phrases that show the page is about
 * the letter or about another campaign. Listed under their first term they read as topics of
 * their own ("2.3M American jobs · 3 mentions"), and a list of one initiative's names labelled
 * "SB 1047" would be wrong for "Make It Fair". So each group is one row that says what the phrases
 * are about (its mentions summed; choosing it reveals the group's most mentioned anchor), while
 * they stay counted and marked like topics, since they are what makes a page about the letter.
 */
export function topicRows(topics: readonly RosterTopic[]): TopicRow[] {
  const rows: TopicRow[] = [];
  const anchors = new Map<string, TopicRow & { best: number }>();
  for (const { id, mentions, topic } of topics) {
    const group = topic?.group;
    if (group !== 'letter' && group !== 'otherInitiative') {
      rows.push({ id, label: topic?.terms[0] ?? id, mentions, term: true });
      continue;
    }
    const row = anchors.get(group);
    if (!row) {
      const label = t(group === 'letter' ? 'popupTopicLetter' : 'popupTopicOtherInitiative');
      const created = { id, label, mentions, term: false, best: mentions };
      anchors.set(group, created);
      rows.push(created);
      continue;
    }
    row.mentions += mentions;
    if (mentions > row.best) Object.assign(row, { id, best: mentions });
  }
  return rows.map(({ id, label, mentions, term }) => ({ id, label, mentions, term }));
}

/** Signatories, then the debate's other people, then unconfirmed claims; most mentioned first. */
const GROUP: Record<string, number> = { signed: 0, signedSingle: 0, organiser: 0, actor: 1, unconfirmed: 2 };

export function personGroup(entity: Entity | null): number {
  return entity ? (GROUP[statusVariant(entity)] ?? 3) : 3;
}

export async function loadRoster(report: PageReport): Promise<PageRoster> {
  const people = await Promise.all(
    report.people.map(async ({ id, mentions }) => ({
      id,
      mentions,
      entity: await sendToBackground('getEntity', { id }).catch(() => null),
    })),
  );
  const topics = await Promise.all(
    report.topics.map(async ({ id, mentions }) => ({
      id,
      mentions,
      topic:
        (await sendToBackground('getCardData', { ref: { kind: 'topic', id } }).catch(() => null))?.topic ??
        null,
    })),
  );
  people.sort(
    (a, b) =>
      personGroup(a.entity) - personGroup(b.entity) ||
      b.mentions - a.mentions ||
      (a.entity?.name ?? a.id).localeCompare(b.entity?.name ?? b.id),
  );
  topics.sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  return { people, topics };
}

/** What the popup needs to say about the tab's site: its URL, the settings and the granted access. */
export interface SiteFacts {
  access: SiteAccess;
  settings: Settings;
  granted: GrantedAccess;
}

/**
 * The tab's URL is readable when the extension has access to it, or through activeTab once the
 * user opened the popup from the toolbar; otherwise the site is unknown (host null).
 */
export async function loadSite(tabId: number | null): Promise<SiteFacts> {
  const [settings, granted, tab] = await Promise.all([
    sendToBackground('getSettings', null),
    readAccess(),
    tabId === null ? Promise.resolve(undefined) : browser.tabs.get(tabId).catch(() => undefined),
  ]);
  return { access: siteAccessOf(tab?.url, settings, granted, tab !== undefined), settings, granted };
}
