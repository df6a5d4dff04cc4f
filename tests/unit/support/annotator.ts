/**
 * An annotator on a page of the test's HTML, with the shipped matcher, no card and its reports
 * collected; marks are read from the Highlight API stand-in (tests/unit/support/highlight-api.ts).
 */
import { afterAll, beforeAll } from 'vitest';
import matcherJson from '../../../assets/data/matcher.json';
import { Annotator, type AnnotatorOptions } from '../../../lib/content/annotator';
import type { CardApi } from '../../../lib/content/card-api';
import { compileMatcher, type Matcher, type MatcherData } from '../../../lib/match';
import type { PageReport } from '../../../lib/messaging/protocol';
import { installHighlightApi, paintedMarks, type FakeRegistry, type PaintedMark } from './highlight-api';

export const shippedMatcher: Matcher = compileMatcher(matcherJson as MatcherData);

interface PageOptions {
  markLevel?: AnnotatorOptions['markLevel'];
  firstMentionOnly?: boolean;
  matcher?: Matcher;
}

/** Puts `html` in the document and makes (not starts) an annotator for it. */
export function annotatorOn(html: string, options: PageOptions = {}) {
  document.body.innerHTML = html;
  const controller = new AbortController();
  const reports: PageReport[] = [];
  const annotator = new Annotator({
    doc: document,
    matcher: options.matcher ?? shippedMatcher,
    signal: controller.signal,
    markStyle: 'underline',
    markLevel: options.markLevel ?? 'people-organisations',
    firstMentionOnly: options.firstMentionOnly ?? false,
    loadCard: () => Promise.reject(new Error('no card in unit tests')) as Promise<CardApi>,
    report: (r) => reports.push(r),
  });
  return { annotator, controller, reports };
}

let registry: FakeRegistry | null = null;

/** Installs the Highlight API stand-in for the test file; call at the top of the file. */
export function useHighlightStandIn(): void {
  let uninstall = () => {};
  beforeAll(() => ({ registry, uninstall } = installHighlightApi()));
  afterAll(() => {
    uninstall();
    registry = null;
  });
}

/** The marks painted now, in document order. */
export function marks(): PaintedMark[] {
  if (!registry) throw new Error('call useHighlightStandIn() first');
  return paintedMarks(registry);
}

/** The names under which anything is registered (the page's highlights and ours). */
export const registeredNames = (): string[] => [...(registry?.keys() ?? [])];
