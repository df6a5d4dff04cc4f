/**
 * What the in-page harness (page-entry.ts, bundled and injected into each corpus page) exposes
 * to the Node driver (run.ts). Type-only on both sides; every value crosses CDP as JSON.
 */

export const BENCH_GLOBAL = '__undersignedBench';

/** The dictionaries measured: the real data, and the real data grown with synthetic names. */
export type DictionaryName = 'real' | 'k1000' | 'k50000';

export interface TimingOptions {
  /** Keep sampling until this much time has been spent in timed runs... */
  minTotalMs: number;
  /** ...and at least this many samples were taken... */
  minSamples: number;
  /** ...but never more than this many. */
  maxSamples: number;
}

/** One measurement: the median of per-run times, each sample being the mean of a batch of runs. */
export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** The first, cold run (JIT not warmed up), timed alone. */
  firstMs: number;
  samples: number;
  runsPerSample: number;
  totalMs: number;
}

export interface SetupInfo {
  timerResolutionMs: number;
  crossOriginIsolated: boolean;
  userAgent: string;
  dictionarySizes: Partial<Record<DictionaryName, { entities: number; terms: number }>>;
  /** toMatcherData on the real bundle, then growDictionary for the synthetic sizes. */
  dataMs: Partial<Record<DictionaryName, number>>;
  /** compileMatcher, once per dictionary (timed alone; the first one runs cold). */
  compileMs: Partial<Record<DictionaryName, number>>;
}

/** A content script's first moments on a fresh page, with the real dictionary. */
export interface ColdStartResult {
  dataMs: number;
  compileMs: number;
  firstScanMs: number;
  secondScanMs: number;
  hits: number;
}

/**
 * real / k1000 / k50000: scanDom as the content script calls it, with the page's shadow-host index
 * (kept across its rescans); firstScan: the real dictionary on a page scanned for the first time
 * (the whole-page shadow-host query included).
 */
export type PassName =
  'floor' | 'readChars' | 'walkWithSkips' | DictionaryName | 'firstScan' | 'collectBlocks' | 'fold' | 'core';

export interface OursResult {
  scan: {
    hits: number;
    people: number;
    topics: number;
    classification: string;
    stats: { textNodes: number; chars: number; blocks: number };
  };
}

/** All timed passes over one page (measurePage in page-entry.ts). */
export interface PageMeasurement {
  elements: number;
  /** Every text node under body, as the floor reads them. */
  textNodes: number;
  chars: number;
  /** Text nodes kept by walkWithSkips. */
  keptNodes: number;
  keptChars: number;
  /** Block texts as assembled with the engine's tag rules (input of the core in the breakdown). */
  blocks: number;
  blockChars: number;
  timings: Record<PassName, Timing>;
  scans: Record<DictionaryName, OursResult['scan']>;
}

export interface MarkjsResult {
  /** Undefined when mark.js threw (`error`). */
  timing: Timing | undefined;
  error?: string;
  marks: number;
  names: number;
}

export interface SlicedResult {
  /** Synchronous stretches of our code between two yields (measured by wrapping yieldFn). */
  slices: number;
  /** 0-based: 0 is the first slice (starts the scan), slices - 1 the last (ends it: finish()). */
  longestSliceIndex: number;
  firstSliceMs: number;
  lastSliceMs: number;
  maxSliceMs: number;
  medianSliceMs: number;
  /** Longest time spent yielded between two slices. */
  maxGapMs: number;
  wallMs: number;
  /** Chromium 'longtask' entries (> 50 ms) overlapping the sliced run. */
  longTasks: { startMs: number; durationMs: number }[];
  maxLongTaskMs: number;
  hits: number;
}

/** Self time per function from a CDP CPU profile of repeated scanDom runs. */
export interface ProfileRow {
  functionName: string;
  url: string;
  line: number;
  selfMs: number;
  share: number;
}

export interface BenchApi {
  setup(only?: DictionaryName[]): SetupInfo;
  loadPage(url: string): Promise<{ bytes: number; parseMs: number }>;
  coldStart(): ColdStartResult;
  measurePage(options: TimingOptions): PageMeasurement;
  /** Runs scanDom `runs` times back to back, untimed; used under the CPU profiler. */
  repeatOurs(dictionary: DictionaryName, runs: number): number;
  markjs(options: TimingOptions, sampleSize?: number): MarkjsResult;
  sliced(dictionary: DictionaryName): Promise<SlicedResult>;
}
