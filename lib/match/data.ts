/**
 * The compact data the matcher needs (names, aliases, statuses, topic terms), cut from the full
 * bundle so the content script ships a few kB instead of the ~200 kB bundle with its sources.
 */
import type { DataBundle, Status, TopicGroup } from '../data/model';

export type { Status, TopicGroup };

export interface MatcherEntity {
  id: string;
  kind: 'person' | 'organisation';
  name: string;
  aliases: string[];
  status: Status;
  /** Other people share this full name (the research's `commonName`). */
  common?: boolean;
  /** A signatory named by one outlet only. */
  singleOutlet?: boolean;
}

export interface MatcherTopic {
  id: string;
  group: TopicGroup;
  terms: string[];
}

export interface MatcherData {
  version: string;
  entities: MatcherEntity[];
  topics: MatcherTopic[];
  /** Topic words in other languages, by language code (the bundle's `topicLanguages`). */
  languages: Record<string, string[]>;
}

export function toMatcherData(bundle: DataBundle): MatcherData {
  return {
    version: bundle.version,
    entities: bundle.entities.map((e) => ({
      id: e.id,
      kind: e.kind,
      name: e.name,
      aliases: [...e.aliases],
      status: e.status,
      // Only when true: the content script parses this file on every page.
      ...(e.commonName ? { common: true } : {}),
      ...((e.status === 'signed' || e.status === 'organiser') && e.outlets === 1
        ? { singleOutlet: true }
        : {}),
    })),
    topics: bundle.topics.map((t) => ({ id: t.id, group: t.group, terms: [...t.terms] })),
    languages: Object.fromEntries(
      Object.entries(bundle.topicLanguages).map(([lang, terms]) => [lang, [...terms]]),
    ),
  };
}
