/**
 * `npm run bench` (issue #3): the speed of the detection engine in real headless Chromium, on
 * the stored news corpus plus one very large page that joins them. It measures the ENGINE in
 * each page's main world (lib/match + lib/dom, bundled by esbuild); the extension is not loaded.
 * Progress goes to stderr; stdout is the table, then, as its last line, one JSON object.
 *
 * Options: --pages=a.html,b.html (subset; "mega.html" is the joined page), --no-markjs,
 * --markjs-names=N (mark.js sample size, default 40; 1000 = the full run, ~40 min),
 * --markjs-mega (also run mark.js on the joined page: very slow), --no-profile, --quick,
 * --verbose (wall time of every step on stderr). Env: CHROMIUM_PATH, BENCH_CORPUS.
 * Extension cost (issue #4, extension-cost.ts; needs `npm run build:chrome`; getMetrics
 * ScriptDuration with − without on unprofiled loads, one extra profiled load for the digest): --no-extension-cost,
 * --extension-cost-only, --extension-cost-runs=N (loads per page per browser, default 3),
 * --extension-cost-verify (also the busy-loop attribution check).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { launchChromium, openOfflinePage } from './browser';
import { bundlePageEntry } from './bundle';
import { chromeBuildDir, extensionCostOnlyMain, runExtensionCost } from './extension-cost';
import {
  BENCH_GLOBAL,
  type ColdStartResult,
  type DictionaryName,
  type MarkjsResult,
  type PageMeasurement,
  type SetupInfo,
  type SlicedResult,
} from './protocol';
import {
  digestProfile,
  moduleOfLine,
  ms,
  moduleStarts,
  round,
  TINY_FLOOR_MS,
  type CpuProfile,
  type PageRow,
} from './report';
import { HARNESS_PAGE, loadCorpus, MEGA_PAGE, serveCorpus, type Corpus, type CorpusServer } from './server';
import {
  reportLines,
  summarize,
  writeDetails,
  type BenchOptions,
  type BenchRun,
  type ProfileDigest,
} from './summary';

/** The page the harness runs in, and whether to log every call's wall time (--verbose). */
interface BenchPage {
  page: Page;
  verbose: boolean;
}

/** Calls the injected harness; a string expression, so no transpiled helper leaks into the page. */
async function call<T>(bench: BenchPage, method: string, ...params: unknown[]): Promise<T> {
  const list = params.map((param) => JSON.stringify(param)).join(', ');
  const start = Date.now();
  const result = (await bench.page.evaluate(`window.${BENCH_GLOBAL}.${method}(${list})`)) as T;
  if (bench.verbose) log(`    ${method}(${list.slice(0, 60)}): ${Date.now() - start} ms wall`);
  return result;
}

/** Navigates to `url` and injects mark.js and the harness into the page's main world. */
async function openBenchPage(page: Page, url: string, script: string, markjsPath?: string): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  if (!response?.ok()) throw new Error(`failed to load ${url}: ${response?.status()}`);
  if (markjsPath) await page.addScriptTag({ path: markjsPath });
  await page.addScriptTag({ content: script });
}

async function measureEngine(
  opts: BenchOptions,
  bench: BenchPage,
  name: string,
  isMega: boolean,
): Promise<Omit<PageRow, 'page' | 'tiny'>> {
  const measured = await call<PageMeasurement>(bench, 'measurePage', isMega ? opts.megaTiming : opts.timing);
  let markjs: MarkjsResult | undefined;
  let markjsSkipped: string | undefined;
  if (!opts.runMarkjs) markjsSkipped = '--no-markjs';
  else if (isMega && !opts.markjsOnMega)
    markjsSkipped = 'joined page: minutes with mark.js (run with --markjs-mega)';
  else {
    // Last on the page: mark() rewrites the DOM and unmark() normalises the text nodes.
    log(`  ${name}: mark.js…`);
    markjs = await call<MarkjsResult>(bench, 'markjs', opts.markjsTiming, opts.markjsNames);
  }
  if (markjs?.error) {
    markjsSkipped = `mark.js threw: ${markjs.error}`;
    log(`  ${name}: ${markjsSkipped}`);
  }
  // One full DOM pass per keyword: time is linear in the names (checked by the linearity run).
  const markjsMs = markjs?.timing && (markjs.timing.medianMs * 1000) / markjs.names;
  return { measured, markjs, markjsMs, markjsSkipped };
}

async function profileOurs(bench: BenchPage, bundle: string, outFile: string): Promise<ProfileDigest> {
  const session = await bench.page.createCDPSession();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  await call<number>(bench, 'repeatOurs', 'real' satisfies DictionaryName, PROFILE_RUNS);
  const { profile: cpuProfile } = await session.send('Profiler.stop');
  await session.detach();
  writeFileSync(outFile, JSON.stringify(cpuProfile));
  const starts = moduleStarts(bundle);
  const rows = digestProfile(cpuProfile as CpuProfile, 15).map((row) => ({
    ...row,
    module: row.url.includes('undersigned-bench-page') ? moduleOfLine(starts, row.line) : row.url || '(vm)',
    selfMsPerRun: round(row.selfMs / PROFILE_RUNS, 3),
  }));
  const byModule = new Map<string, number>();
  for (const row of digestProfile(cpuProfile as CpuProfile, Number.MAX_SAFE_INTEGER)) {
    const module = row.url.includes('undersigned-bench-page')
      ? moduleOfLine(starts, row.line)
      : row.functionName;
    byModule.set(module, (byModule.get(module) ?? 0) + row.share);
  }
  return {
    runs: PROFILE_RUNS,
    topFunctions: rows,
    shareByModule: Object.fromEntries(
      [...byModule].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v, 3)]),
    ),
  };
}

// mark.js with all 1,000 names took 45–65 s per typical page here (≈ 40 min for the corpus, and
// it can overflow the stack: its issue #279), so by default it marks an evenly spaced sample of
// the names and its time is scaled up linearly (checked on LINEARITY_PAGE).
const DEFAULT_MARKJS_NAMES = 40;
// The small page on which the linear scaling is checked against a larger sample.
const LINEARITY_PAGE = 'heise.html';
const LINEARITY_NAMES = 250;
// The typical page on which a fresh navigation's cold start is measured.
const COLD_PAGE = 'nytimes-1.html';
const SLICED_RUNS = 3;
const PROFILE_RUNS = 10;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The command line (see the header) as one object. */
function parseOptions(argv: readonly string[]): BenchOptions {
  const flags = new Set(argv);
  const option = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const quick = flags.has('--quick');
  return {
    quick,
    runMarkjs: !flags.has('--no-markjs'),
    markjsOnMega: flags.has('--markjs-mega'),
    profile: !flags.has('--no-profile'),
    verbose: flags.has('--verbose'),
    extensionCost: !flags.has('--no-extension-cost'),
    extensionCostOnly: flags.has('--extension-cost-only'),
    extensionCostVerify: flags.has('--extension-cost-verify'),
    extensionCostRuns: Number(option('extension-cost-runs') ?? 3),
    markjsNames: Number(option('markjs-names') ?? DEFAULT_MARKJS_NAMES),
    pages: option('pages')?.split(','),
    corpusDir: path.resolve(repoRoot, process.env.BENCH_CORPUS ?? '../shared/corpus/news'),
    timing: quick
      ? { minTotalMs: 15, minSamples: 3, maxSamples: 50 }
      : { minTotalMs: 50, minSamples: 5, maxSamples: 200 },
    // mark.js on the sample takes 0.1–6 s per page: one to three runs, as many as fit in ~0.5 s.
    markjsTiming: { minTotalMs: quick ? 0 : 500, minSamples: 1, maxSamples: quick ? 1 : 3 },
    // The joined page takes ~0.5 s per pass: fewer samples.
    megaTiming: { minTotalMs: 0, minSamples: quick ? 1 : 3, maxSamples: 3 },
  };
}

/** The first pass: a content script's real first moments (fresh navigation, cold code, real dictionary). */
async function coldStartPass(bench: BenchPage, server: CorpusServer, coldPage: string, bundle: string) {
  await openBenchPage(bench.page, server.urlOf(coldPage), bundle);
  const cold = await call<ColdStartResult>(bench, 'coldStart');
  log(`cold start on ${coldPage}: ${JSON.stringify(cold)}`);
  return cold;
}

/** What the engine pass measured, page by page. */
interface EnginePass {
  rows: PageRow[];
  slicedRuns: BenchRun['slicedRuns'];
  profileDigest?: ProfileDigest;
  markjsLinearity?: Record<string, string | number>;
}

/** The engine pass: every page in one harness page, so the dictionaries are compiled only once. */
async function enginePass(
  opts: BenchOptions,
  bench: BenchPage,
  server: CorpusServer,
  pageNames: string[],
  bundle: string,
  resultsDir: string,
): Promise<EnginePass> {
  const pass: EnginePass = { rows: [], slicedRuns: [] };
  for (const name of pageNames) {
    const isMega = name === MEGA_PAGE;
    const pageStart = Date.now();
    await call(bench, 'loadPage', server.urlOf(name));
    // First, before any other pass over this document: the sliced run a content script makes.
    if (isMega)
      pass.slicedRuns.push({ run: 'first', ...(await call<SlicedResult>(bench, 'sliced', 'real')) });
    const measured = await measureEngine(opts, bench, name, isMega);
    const row: PageRow = {
      page: name,
      tiny: measured.measured.timings.floor.medianMs < TINY_FLOOR_MS,
      ...measured,
    };
    pass.rows.push(row);
    if (name === LINEARITY_PAGE && !opts.quick && row.markjs?.timing && row.markjs.names < LINEARITY_NAMES) {
      pass.markjsLinearity = await markjsLinearity(bench, row);
    }
    if (isMega) {
      for (let i = 1; i < SLICED_RUNS; i++) {
        pass.slicedRuns.push({ run: `again-${i}`, ...(await call<SlicedResult>(bench, 'sliced', 'real')) });
      }
      if (opts.profile)
        pass.profileDigest = await profileOurs(bench, bundle, path.join(resultsDir, 'mega.cpuprofile'));
    }
    log(
      `${name}: floor ${round(ms(row, 'floor'))} ms, ours ${round(ms(row, 'real'))} ms, ` +
        `1k ${round(ms(row, 'k1000'))}, 50k ${round(ms(row, 'k50000'))}, ` +
        `mark.js ${row.markjsMs === undefined ? '-' : round(row.markjsMs, 1)} ms (${Date.now() - pageStart} ms)`,
    );
  }
  return pass;
}

/** mark.js with more names on one page: is its time linear in the names, as the scaling assumes? */
async function markjsLinearity(bench: BenchPage, row: PageRow): Promise<Record<string, string | number>> {
  const sample = row.markjs!;
  log(`  ${row.page}: mark.js with ${LINEARITY_NAMES} names (linearity check)…`);
  const sampleMs = sample.timing!.medianMs;
  const check = await call<MarkjsResult>(
    bench,
    'markjs',
    { minTotalMs: 0, minSamples: 1, maxSamples: 1 },
    LINEARITY_NAMES,
  );
  return {
    page: row.page,
    sampleNames: sample.names,
    sampleMs: round(sampleMs, 1),
    checkNames: check.names,
    checkMs: check.timing ? round(check.timing.medianMs, 1) : `threw: ${check.error}`,
    measuredFactor: check.timing ? round(check.timing.medianMs / sampleMs, 2) : Number.NaN,
    assumedFactor: round(check.names / sample.names, 2),
  };
}

/** The extension-cost pass (extension-cost.ts): the built extension's cost on real page loads. */
function extensionCostPass(
  opts: BenchOptions,
  extensionDir: string,
  server: CorpusServer,
  pageNames: string[],
  rows: PageRow[],
  resultsDir: string,
) {
  return runExtensionCost({
    extensionDir,
    // The joined page takes about a minute per load here: only when asked for with --pages.
    pages: pageNames
      .filter((page) => page !== MEGA_PAGE || opts.pages?.includes(page))
      .map((page) => ({ page, url: server.urlOf(page) })),
    runs: opts.extensionCostRuns,
    floorMsByPage: new Map(rows.map((row) => [row.page, ms(row, 'floor')])),
    profilePage: COLD_PAGE,
    resultsDir,
    verify: opts.extensionCostVerify,
    log,
  });
}

/** Runs every pass in one browser over the served corpus. */
async function runPasses(opts: BenchOptions, corpus: Corpus, resultsDir: string): Promise<BenchRun> {
  const startedAt = Date.now();
  const loadAtStart = os.loadavg();
  // Fails now, not after the engine run, if the extension was not built.
  const extensionDir = opts.extensionCost ? chromeBuildDir(repoRoot) : undefined;
  const pageNames = [...corpus.pages, MEGA_PAGE].filter((page) => !opts.pages || opts.pages.includes(page));
  const coldPage = corpus.pages.includes(COLD_PAGE) ? COLD_PAGE : corpus.pages[0]!;
  const server = await serveCorpus(corpus);
  const bundle = await bundlePageEntry(repoRoot);
  const markjsPath = path.join(repoRoot, 'node_modules/mark.js/dist/mark.min.js');
  const browser = await launchChromium();
  const chromium = await browser.version();
  log(`${chromium}; corpus ${opts.corpusDir} (${corpus.pages.length} pages) at ${server.origin}`);
  try {
    const { page, blocked } = await openOfflinePage(browser);
    const bench: BenchPage = { page, verbose: opts.verbose };
    const cold = await coldStartPass(bench, server, coldPage, bundle);
    await openBenchPage(page, server.urlOf(HARNESS_PAGE), bundle, markjsPath);
    const setup = await call<SetupInfo>(bench, 'setup');
    log(`setup: ${JSON.stringify({ dataMs: setup.dataMs, compileMs: setup.compileMs })}`);
    const pass = await enginePass(opts, bench, server, pageNames, bundle, resultsDir);
    const blockedRequests = blocked();
    const extensionRun =
      extensionDir === undefined
        ? undefined
        : await extensionCostPass(opts, extensionDir, server, pageNames, pass.rows, resultsDir);
    return {
      startedAt,
      loadAtStart,
      chromium,
      coldPage,
      ...pass,
      cold,
      setup,
      extensionRun,
      blockedRequests,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.extensionCostOnly) {
    return extensionCostOnlyMain({
      repoRoot,
      corpusDir: opts.corpusDir,
      only: opts.pages,
      runs: opts.extensionCostRuns,
      profilePage: COLD_PAGE,
      verify: opts.extensionCostVerify,
      log,
    });
  }
  const corpus = loadCorpus(opts.corpusDir);
  const resultsDir = path.join(repoRoot, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const run = await runPasses(opts, corpus, resultsDir);
  const summary = summarize(opts, run);
  writeDetails(resultsDir, summary, run);
  process.stdout.write(`${reportLines(opts, summary, run).join('\n')}\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
