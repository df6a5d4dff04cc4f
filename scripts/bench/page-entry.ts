/**
 * The in-page half of `npm run bench`: bundled by esbuild into an IIFE and injected into each
 * corpus page's MAIN world (the extension is not loaded; this measures the engine alone).
 * Every measurement runs synchronously inside one CDP evaluate, so nothing else interleaves.
 */
import { bundledData } from '../../lib/data/bundled';
import { compileMatcher, fold, scanBlocks } from '../../lib/match/index';
import { toMatcherData } from '../../lib/data/matcher-data';
import { SKIPPED_TAGS, isBoundaryElement, isSkippedElement } from '../../lib/dom/rules';
import { LONG_TEXT, scanDom, scanDomSliced } from '../../lib/dom/scan-dom';
import { ShadowHostIndex } from '../../lib/dom/shadow-hosts';
import { growDictionary, type MatcherData } from './dictionary';
import { median } from './report';
import {
  BENCH_GLOBAL,
  type BenchApi,
  type ColdStartResult,
  type DictionaryName,
  type MarkjsResult,
  type OursResult,
  type PageMeasurement,
  type SetupInfo,
  type SlicedResult,
  type Timing,
  type TimingOptions,
} from './protocol';

type Matcher = ReturnType<typeof compileMatcher>;

interface MarkInstance {
  mark(keywords: string[], options: Record<string, unknown>): void;
  unmark(options: Record<string, unknown>): void;
}
type MarkConstructor = new (context: Element) => MarkInstance;

declare global {
  interface Window {
    [BENCH_GLOBAL]?: BenchApi;
    Mark?: MarkConstructor;
  }
}

const now = () => performance.now();
// Results feed this sink so the engine cannot optimise a "useless" pass away.
let sink = 0;

function measureResolution(): number {
  let smallest = Infinity;
  for (let i = 0; i < 50; i++) {
    const start = now();
    let next = now();
    while (next === start) next = now();
    smallest = Math.min(smallest, next - start);
  }
  return smallest;
}

const resolutionMs = measureResolution();
// A batch must be ≥ 20 timer ticks so the tick costs at most 5%; ≥ 0.5 ms in any case.
const minBatchMs = Math.max(0.5, 20 * resolutionMs);

function summarise(samples: number[], firstMs: number, runsPerSample: number): Timing {
  return {
    medianMs: median(samples),
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
    firstMs,
    samples: samples.length,
    runsPerSample,
    totalMs: samples.reduce((sum, sample) => sum + sample * runsPerSample, 0),
  };
}

/** A fixed-seed generator (the same order on every run), for shuffling the passes. */
let seed = 0x9e3779b9;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Times several passes over the same page INTERLEAVED: each round runs one batch of every pass
 * (in a new shuffled order), until every pass has ≥ minTotalMs and ≥ minSamples. On a shared, busy
 * machine a slow moment then hits all passes alike, and the ratios stay honest. Shuffled, not
 * rotated: in a rotation each pass always follows the same one, and a pass right after a bare
 * walk measured about 15% slower than the same code elsewhere in the round (two copies of our
 * pass, side by side, on the corpus).
 */
function timeTogether<K extends string>(
  runs: Record<K, () => number>,
  options: TimingOptions,
): Record<K, Timing> {
  const names = Object.keys(runs) as K[];
  const firstMs = {} as Record<K, number>;
  const batch = {} as Record<K, number>;
  const samples = {} as Record<K, number[]>;
  const spent = {} as Record<K, number>;
  for (const name of names) {
    let start = now();
    sink += runs[name]();
    firstMs[name] = now() - start;
    start = now();
    sink += runs[name]();
    // Batches of about minTotalMs / minSamples, so every pass finishes in about minSamples rounds.
    const target = Math.max(minBatchMs, options.minTotalMs / Math.max(1, options.minSamples));
    batch[name] = Math.max(1, Math.ceil(target / Math.max(now() - start, resolutionMs)));
    samples[name] = [];
    spent[name] = 0;
  }
  const unfinished = () =>
    names.filter(
      (name) =>
        samples[name].length < options.maxSamples &&
        (spent[name] < options.minTotalMs || samples[name].length < options.minSamples),
    );
  for (let pending = unfinished(); pending.length; pending = unfinished()) {
    for (const name of shuffled(names)) {
      if (samples[name].length >= options.maxSamples) continue;
      const run = runs[name];
      const count = batch[name];
      const start = now();
      for (let r = 0; r < count; r++) sink += run();
      const elapsed = now() - start;
      samples[name].push(elapsed / count);
      spent[name] += elapsed;
    }
  }
  const timings = {} as Record<K, Timing>;
  for (const name of names) timings[name] = summarise(samples[name], firstMs[name], batch[name]);
  return timings;
}

function countTerms(data: MatcherData): number {
  let terms = 0;
  for (const entity of data.entities) terms += 1 + entity.aliases.length;
  for (const topic of data.topics) terms += topic.terms.length;
  return terms;
}

const dictionaries = new Map<DictionaryName, MatcherData>();
const matchers = new Map<DictionaryName, Matcher>();
const longTasks: { startMs: number; durationMs: number }[] = [];

function matcherFor(name: DictionaryName): Matcher {
  const matcher = matchers.get(name);
  if (!matcher) throw new Error(`setup() has not compiled the ${name} dictionary`);
  return matcher;
}

const GROWN: readonly (readonly [DictionaryName, number])[] = [
  ['k1000', 1000],
  ['k50000', 50000],
];

/** Builds and compiles the dictionaries (each timed alone); `only` limits it, e.g. to 'real'. */
function setup(only?: DictionaryName[]): SetupInfo {
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Not Chromium: the directly measured slices still give the answer.
  }
  const dataMs = {} as Partial<Record<DictionaryName, number>>;
  const compileMs = {} as Partial<Record<DictionaryName, number>>;
  const dictionarySizes = {} as SetupInfo['dictionarySizes'];
  let start = now();
  const real = toMatcherData(bundledData);
  dataMs.real = now() - start;
  dictionaries.set('real', real);
  for (const [name, size] of GROWN) {
    if (only && !only.includes(name)) continue;
    start = now();
    dictionaries.set(name, growDictionary(real, size));
    dataMs[name] = now() - start;
  }
  // In insertion order: the real one first, cold, as a content script meets it on every page.
  for (const [name, data] of dictionaries) {
    start = now();
    matchers.set(name, compileMatcher(data));
    compileMs[name] = now() - start;
    dictionarySizes[name] = { entities: data.entities.length, terms: countTerms(data) };
  }
  return {
    timerResolutionMs: resolutionMs,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    dictionarySizes,
    dataMs,
    compileMs,
  };
}

/**
 * Replaces this document with a corpus page: fetched from the bench server, then parsed by
 * document.open/write/close. The window (and so the compiled matchers, mark.js and the
 * long-task observer) survives, which a navigation would not: compiling the 50k dictionary on
 * every page would take most of the run.
 */
async function loadPage(url: string): Promise<{ bytes: number; parseMs: number }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const html = await response.text();
  const start = now();
  document.open();
  document.write(html);
  document.close();
  // The parser may finish in later tasks, and the (blocked) sub-resources fail after that:
  // wait for the load event's state, then a moment for the first layout to settle.
  while (document.readyState !== 'complete') await new Promise((resolve) => setTimeout(resolve, 10));
  const parseMs = now() - start;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { bytes: html.length, parseMs };
}

/**
 * What a content script pays on a fresh page: data, compile, then the first (cold) full pass
 * and a second one, with the real dictionary. Call right after injecting into a new page.
 */
function coldStart(): ColdStartResult {
  const setupInfo = setup(['real']);
  let start = now();
  const first = scanDom(document.body, matcherFor('real'));
  const firstScanMs = now() - start;
  start = now();
  sink += scanDom(document.body, matcherFor('real')).mentions.length;
  const secondScanMs = now() - start;
  return {
    dataMs: setupInfo.dataMs.real ?? Number.NaN,
    compileMs: setupInfo.compileMs.real ?? Number.NaN,
    firstScanMs,
    secondScanMs,
    hits: first.mentions.length,
  };
}

/**
 * The block texts of the page, assembled with the engine's own tag rules (consecutive text
 * nodes under the same block element). A close approximation of what scanDom feeds the core.
 */
function blockTexts(root: Node): string[] {
  const blockOf = new Map<Node, Node | null>();
  const resolve = (node: Node): Node | null => {
    const cached = blockOf.get(node);
    if (cached !== undefined) return cached;
    let result: Node | null;
    if (node === root) result = root;
    else if (node.nodeType === Node.ELEMENT_NODE && isSkippedElement(node as Element)) result = null;
    else {
      const up = node.parentNode ? resolve(node.parentNode) : null;
      result =
        up !== null && node.nodeType === Node.ELEMENT_NODE && isBoundaryElement(node as Element) ? node : up;
    }
    blockOf.set(node, result);
    return result;
  };
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let current: Node | null = null;
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const block = node.parentNode ? resolve(node.parentNode) : null;
    if (block === null) continue;
    if (block !== current) {
      if (text.length >= 2) texts.push(text);
      current = block;
      text = '';
    }
    text += (node as Text).data;
  }
  if (text.length >= 2) texts.push(text);
  return texts;
}

// The skip list of code-and-performance.md §B.8, checked in JS on the parent (no JS filter).
const SKIPPED_PARENTS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE', 'CODE', 'PRE', 'svg', 'IFRAME', 'CANVAS', 'INPUT', 'SELECT', 'OPTION',
]); // prettier-ignore

/**
 * The floor plus reading every character the engine has to look at, with its cheap skips (empty
 * and blank nodes, long text in skipped tags) and nothing else. Empty strings are settled first,
 * as the engine does: charCodeAt(0) of "" is NaN, and that one case made this loop's optimised
 * code slower for every page after the first page that had an empty text node.
 */
function readChars(root: Node): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let sum = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    const n = data.length;
    if (n === 0) continue;
    if (n > LONG_TEXT && SKIPPED_TAGS.has((node.parentNode as Element | null)?.localName ?? '')) continue;
    if (data.charCodeAt(0) <= 32 && data.trim() === '') continue;
    for (let i = 0; i < n; i++) sum = (sum + data.charCodeAt(i)) | 0;
  }
  return sum;
}

function summariseScan(scan: ReturnType<typeof scanDom>): OursResult['scan'] {
  return {
    hits: scan.mentions.length,
    people: scan.people.length,
    topics: scan.topics.length,
    classification:
      typeof scan.classification === 'string' ? scan.classification : JSON.stringify(scan.classification),
    stats: { textNodes: scan.stats.textNodes, chars: scan.stats.chars, blocks: scan.stats.blocks },
  };
}

/**
 * Every figure of one page, timed together (see timeTogether):
 * - floor: a bare SHOW_TEXT walk that reads every text node's data and nothing else;
 * - readChars: the floor plus reading every character the engine has to look at (charCodeAt,
 *   summed), with the engine's own cheap skips (blank nodes, long text in skipped tags) and no
 *   other work: what any matcher that reads the page's characters in JS pays at least;
 * - walkWithSkips: the same with the parent-tag check and short/blank-node skip of §B.8;
 * - real / k1000 / k50000: scanDom (walk, fold, match, classify) with each dictionary, called as
 *   the content script calls it: with a shadow-host index that lives as long as the page;
 * - firstScan: the real dictionary without that index (the whole-page host query every time), as
 *   on the first scan of a page;
 * - collectBlocks / fold / core: the breakdown of our pass with the real dictionary.
 */
function measurePage(options: TimingOptions): PageMeasurement {
  const root = document.body;
  const texts = blockTexts(root);
  const counts = { textNodes: 0, chars: 0, keptNodes: 0, keptChars: 0 };
  const scans = {} as Record<DictionaryName, ReturnType<typeof scanDom>>;
  const realMatcher = matcherFor('real');
  // The content script's index lives as long as its page; here, as long as this measurement.
  const lifetime = new AbortController();
  const shadowHosts = new ShadowHostIndex(lifetime.signal);
  const scanWith = (name: DictionaryName) => {
    const matcher = matcherFor(name);
    return () => {
      const scan = scanDom(root, matcher, { shadowHosts });
      scans[name] = scan;
      return scan.mentions.length;
    };
  };
  const timings = timeTogether(
    {
      floor: () => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let length = 0;
        let count = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          length += (node as Text).data.length;
          count++;
        }
        counts.textNodes = count;
        counts.chars = length;
        return length;
      },
      readChars: () => readChars(root),
      walkWithSkips: () => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const kept: Text[] = [];
        let length = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentNode;
          if (parent && SKIPPED_PARENTS.has(parent.nodeName)) continue;
          const data = (node as Text).data;
          if (data.length < 3 || data.trim() === '') continue;
          kept.push(node as Text);
          length += data.length;
        }
        counts.keptNodes = kept.length;
        counts.keptChars = length;
        return length;
      },
      real: scanWith('real'),
      k1000: scanWith('k1000'),
      k50000: scanWith('k50000'),
      firstScan: () => scanDom(root, realMatcher).mentions.length,
      collectBlocks: () => blockTexts(root).length,
      fold: () => {
        let length = 0;
        for (const text of texts) length += fold(text).length;
        return length;
      },
      core: () => scanBlocks(texts, realMatcher).mentions.length,
    },
    options,
  );
  lifetime.abort();
  return {
    elements: root.getElementsByTagName('*').length,
    ...counts,
    blocks: texts.length,
    blockChars: texts.reduce((sum, text) => sum + text.length, 0),
    timings,
    scans: {
      real: summariseScan(scans.real),
      k1000: summariseScan(scans.k1000),
      k50000: summariseScan(scans.k50000),
    },
  };
}

function repeatOurs(name: DictionaryName, runs: number): number {
  const matcher = matcherFor(name);
  let hits = 0;
  for (let i = 0; i < runs; i++) hits += scanDom(document.body, matcher).mentions.length;
  return hits;
}

/**
 * mark.js with its array API on the 1,000 names of the k1000 dictionary; only mark() is timed.
 * `sampleSize` < 1,000 marks an evenly spaced subset (same real/synthetic mix): mark.js makes one
 * full DOM pass per keyword, so its time is linear in the number of names (checked by the driver).
 */
function markjs(options: TimingOptions, sampleSize = 1000): MarkjsResult {
  const Mark = window.Mark;
  if (!Mark) throw new Error('mark.js is not loaded in this page');
  const all = dictionaries.get('k1000')!.entities.map((entity) => entity.name);
  const step = all.length / Math.min(sampleSize, all.length);
  const names: string[] = [];
  for (let i = 0; i < all.length && names.length < sampleSize; i += step) names.push(all[Math.floor(i)]!);
  const instance = new Mark(document.body);
  const markOptions = {
    separateWordSearch: false,
    diacritics: false,
    caseSensitive: false,
    // Whole words, like our matcher: a name must be bounded by spaces or punctuation.
    accuracy: {
      value: 'exactly',
      limiters: [',', '.', ';', ':', '!', '?', "'", '"', '(', ')', '[', ']', '’', '“', '”'],
    },
  };
  const samples: number[] = [];
  let marks = 0;
  let totalMs = 0;
  let firstMs = 0;
  while (
    (totalMs < options.minTotalMs || samples.length < options.minSamples) &&
    samples.length < options.maxSamples
  ) {
    let elapsed = 0;
    const start = now();
    try {
      instance.mark(names, {
        ...markOptions,
        done: (count: number) => {
          elapsed = now() - start;
          marks = count;
        },
      });
    } catch (error) {
      // mark.js recurses once per keyword: ~1,000 keywords can overflow the stack (its issue #279).
      instance.unmark({});
      return { timing: undefined, marks: 0, names: names.length, error: String(error).slice(0, 160) };
    }
    if (!elapsed) elapsed = now() - start;
    if (!samples.length) firstMs = elapsed;
    samples.push(elapsed);
    totalMs += elapsed;
    instance.unmark({});
  }
  return {
    timing: {
      medianMs: median(samples),
      minMs: Math.min(...samples),
      maxMs: Math.max(...samples),
      firstMs,
      samples: samples.length,
      runsPerSample: 1,
      totalMs,
    },
    marks,
    names: names.length,
  };
}

type SchedulerWithYield = { yield?: () => Promise<void> };

/** A real yield to the event loop: scheduler.yield() where it exists, else a posted message. */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

async function sliced(name: DictionaryName): Promise<SlicedResult> {
  const matcher = matcherFor(name);
  const slices: number[] = [];
  const gaps: number[] = [];
  const firstTask = longTasks.length;
  const begin = now();
  let sliceStart = begin;
  const scan = await scanDomSliced(document.body, matcher, {
    yieldFn: async () => {
      const yielded = now();
      slices.push(yielded - sliceStart);
      await yieldToEventLoop();
      sliceStart = now();
      gaps.push(sliceStart - yielded);
    },
  });
  const end = now();
  slices.push(end - sliceStart);
  // Long-task entries arrive asynchronously; give the observer a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const overlapping = longTasks
    .slice(firstTask)
    .filter((task) => task.startMs + task.durationMs > begin && task.startMs < end);
  const longest = slices.indexOf(Math.max(...slices));
  return {
    slices: slices.length,
    longestSliceIndex: longest,
    firstSliceMs: slices[0]!,
    lastSliceMs: slices[slices.length - 1]!,
    maxSliceMs: Math.max(...slices),
    medianSliceMs: median(slices),
    maxGapMs: gaps.length ? Math.max(...gaps) : 0,
    wallMs: end - begin,
    longTasks: overlapping,
    maxLongTaskMs: overlapping.reduce((longest, task) => Math.max(longest, task.durationMs), 0),
    hits: scan.mentions.length,
  };
}

window[BENCH_GLOBAL] = {
  setup,
  loadPage,
  coldStart,
  measurePage,
  repeatOurs,
  markjs,
  sliced,
};
// Keep the sink observable so the optimiser must compute it.
(window as unknown as { __benchSink: () => number }).__benchSink = () => sink;
