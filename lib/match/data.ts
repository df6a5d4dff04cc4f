/**
 * The compact data the matcher needs (names, aliases, statuses, topic terms), cut from the full
 * bundle (lib/data/matcher-data.ts) so the content script ships a few kB instead of the ~200 kB
 * bundle with its sources. Defined here, not imported: the engine depends on nothing outside it.
 */

/** An entity's status (lib/data/schema.ts StatusSchema; matcher-data.ts fails to compile if they differ). */
export type Status = 'signed' | 'organiser' | 'actor' | 'unconfirmed';
/** A topic's group (lib/data/schema.ts TopicSchema). */
export type TopicGroup = 'ai' | 'copyright' | 'letter' | 'otherInitiative';

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
