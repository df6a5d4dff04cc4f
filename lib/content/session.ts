/**
 * The page's annotation session: at most one Annotator at a time, started while the site is
 * allowed (or the user asked for this page) and stopped when the settings block it, without a
 * reload. Stopping tells the background the tab shows nothing, so the badge and the popup agree.
 */
import type { Matcher } from '../match';
import { sendToBackground, type PageReport } from '../messaging/protocol';
import type { Settings } from '../settings/settings';
import { Annotator } from './annotator';
import type { CardApi } from './card-api';

export interface PageSession {
  /** The running annotator, started now if there is none. */
  start(): Annotator;
  /** Ends the annotator; `report` false when the extension is going away (nobody to tell). */
  stop(report?: boolean): void;
  /** The running annotator, if any. */
  current(): Annotator | null;
  /** The settings a new annotator starts with (the running one is told separately). */
  useSettings(settings: Settings): void;
}

export function createPageSession(options: {
  doc: Document;
  matcher: Matcher;
  settings: Settings;
  loadCard: () => Promise<CardApi>;
}): PageSession {
  let settings = options.settings;
  let running: { annotator: Annotator; controller: AbortController } | null = null;
  return {
    start() {
      if (running) return running.annotator;
      const controller = new AbortController();
      const annotator = new Annotator({
        doc: options.doc,
        matcher: options.matcher,
        signal: controller.signal,
        markStyle: settings.markStyle,
        markLevel: settings.markLevel,
        firstMentionOnly: settings.firstMentionOnly,
        loadCard: options.loadCard,
        // The background may be restarting after an update; the popup asks again when opened.
        report: (report) => void sendToBackground('reportPage', report).catch(() => undefined),
      });
      running = { annotator, controller };
      void annotator.start();
      return annotator;
    },
    stop(report = true) {
      if (!running) return;
      running.controller.abort();
      running = null;
      if (report) reportNothing(options.doc);
    },
    current: () => running?.annotator ?? null,
    useSettings(next) {
      settings = next;
    },
  };
}

/** Tells the background the page shows nothing (Undersigned does not read it). */
export function reportNothing(doc: Document): void {
  sendToBackground('reportPage', emptyReport(doc)).catch(() => undefined);
}

/** What the tab shows when Undersigned does not read the page. */
export function emptyReport(doc: Document): PageReport {
  return {
    url: doc.location?.href ?? '',
    title: doc.title,
    people: [],
    topics: [],
    classification: { aiCopyright: false, letter: false, otherInitiative: false },
    unmarked: { topicsOffPage: 0, hiddenByLevel: 0 },
  };
}
