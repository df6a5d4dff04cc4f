/**
 * Cuts the compact data the matcher needs (lib/match/data.ts) from the full bundle: done at data
 * build time (scripts/build-data.ts) and by tools that compile the bundle themselves.
 */
import type { MatcherData, Status as MatchStatus, TopicGroup as MatchTopicGroup } from '../match/data';
import type { DataBundle, Status, TopicGroup } from './model';

/** The engine restates these unions (it imports nothing outside lib/match): they must stay equal. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesAgree: Same<Status, MatchStatus> = true;
const groupsAgree: Same<TopicGroup, MatchTopicGroup> = true;
void statusesAgree;
void groupsAgree;

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
