/**
 * Messages handled by the content script in a tab (lib/content/handlers.ts): each type's payload
 * and reply, and beside them the check every payload passes before a handler sees it. Small on
 * purpose: this module ships in the content script.
 */
import type { MentionRef } from '../match';
import type { Contract } from './dispatch';
import { isNone, isString, nullable, oneOf, shape, stringUpTo, type Guard } from './guards';

/** What the content script found on a page, as the background and the popup see it. */
export interface PageReport {
  url: string;
  title: string;
  /**
   * What the page shows: the people and topics marked under the reader's mark level, each with how
   * many times it is marked (the badge, the popup, the export and the history count only these).
   */
  people: { id: string; mentions: number }[];
  topics: { id: string; mentions: number }[];
  classification: { aiCopyright: boolean; letter: boolean; otherInitiative: boolean };
  /**
   * Found but not marked, as numbers of distinct ids: topics on a page not about AI and copyright
   * (never marked there), and organisations and topics the mark level leaves out.
   */
  unmarked?: { topicsOffPage: number; hiddenByLevel: number };
}

/** What the background found for a selection, for the lookup card. */
export interface LookupMessage {
  query: string;
  entityId: string | null;
}

/** Messages handled by the content script in a tab. */
export interface ToContent {
  /** Popup: report the page again (used when the popup opens). */
  getReport: [null, PageReport];
  /** Popup ("Scan this page"): read and mark this page even if the settings would not. */
  scanPage: [null, { ok: boolean }];
  /** Background (keyboard command): move to the next or previous mention and open its card. */
  focusMention: [{ step: 1 | -1 }, { ok: boolean }];
  /** Popup: scroll to the first mention of a person or topic and open its card. */
  revealMention: [{ ref: MentionRef }, { ok: boolean }];
  /** Background (context menu): open the card for a looked-up selection next to the selection. */
  showLookup: [LookupMessage, { ok: boolean }];
}

/** A person or topic the matcher marks (lib/match). */
export const isMentionRef: Guard<MentionRef> = shape({ kind: oneOf('entity', 'topic'), id: isString });

export const isLookupMessage: Guard<LookupMessage> = shape({
  query: stringUpTo(200),
  entityId: nullable(isString),
});

export const toContent: Contract<ToContent> = {
  payloads: {
    getReport: isNone,
    scanPage: isNone,
    focusMention: shape({ step: oneOf(1, -1) }),
    revealMention: shape({ ref: isMentionRef }),
    showLookup: isLookupMessage,
  },
};
