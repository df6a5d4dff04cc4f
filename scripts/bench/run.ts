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
import { chromeBuildDir, extensionCostOnlyMain, PAGE_COST_TARGET, runExtensionCost } from './extension-cost';
import {
  BENCH_GLOBAL,
  type ColdStartResult,
  type DictionaryName,
  type MarkjsResult,
  type PageMeasurement,
  type SetupInfo,
  type SlicedResult,
  type TimingOptions,
} from './protocol';
import {
  digestProfile,
  formatTable,
  median,
  moduleOfLine,
  ms,
  moduleStarts,
  round,
  TINY_FLOOR_MS,
  type CpuProfile,
  type PageRow,
} from './report';
import { HARNESS_PAGE, loadCorpus, MEGA_PAGE, serveCorpus } from './server';

const TARGETS = {
  ratioToFloor: { max: 3 },
  speedupVsMarkjs: { min: 100 },
  scale50k: { max: 1.5 },
  maxTaskMs: { max: 50 },
} as const;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.has('--quick');
const runMarkjs = !args.has('--no-markjs');
const markjsOnMega = args.has('--markjs-mega');
const profile = !args.has('--no-profile');
const verbose = args.has('--verbose');
const extensionCost = !args.has('--no-extension-cost');
const extensionCostOnly = args.has('--extension-cost-only');
const EXTENSION_COST_RUNS = Number(option('extension-cost-runs') ?? 3);

const TIMING: TimingOptions = quick
  ? { minTotalMs: 15, minSamples: 3, maxSamples: 50 }
  : { minTotalMs: 50, minSamples: 5, maxSamples: 200 };
// mark.js on the sample takes 0.1–6 s per page: one to three runs, as many as fit in ~0.5 s.
const MARKJS_TIMING: TimingOptions = {
  minTotalMs: quick ? 0 : 500,
  minSamples: 1,
  maxSamples: quick ? 1 : 3,
};
// The joined page takes ~0.5 s per pass: fewer samples.
const MEGA_TIMING: TimingOptions = { minTotalMs: 0, minSamples: quick ? 1 : 3, maxSamples: 3 };
// mark.js with all 1,000 names took 45–65 s per typical page here (≈ 40 min for the corpus, and
// it can overflow the stack: its issue #279), so by default it marks an evenly spaced sample of
// the names and its time is scaled up linearly (checked on LINEARITY_PAGE).
const MARKJS_NAMES = Number(option('markjs-names') ?? 40);
// The small page on which the linear scaling is checked against a larger sample.
const LINEARITY_PAGE = 'heise.html';
const LINEARITY_NAMES = 250;
// The typical page on which a fresh navigation's cold start is measured.
const COLD_PAGE = 'nytimes-1.html';
const SLICED_RUNS = 3;
const PROFILE_RUNS = 10;

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Calls the injected harness; a string expression, so no transpiled helper leaks into the page. */
async function call<T>(page: Page, method: string, ...params: unknown[]): Promise<T> {
  const list = params.map((param) => JSON.stringify(param)).join(', ');
  const start = Date.now();
  const result = (await page.evaluate(`window.${BENCH_GLOBAL}.${method}(${list})`)) as T;
  if (verbose) log(`    ${method}(${list.slice(0, 60)}): ${Date.now() - start} ms wall`);
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
  page: Page,
  name: string,
  isMega: boolean,
): Promise<Omit<PageRow, 'page' | 'tiny'>> {
  const measured = await call<PageMeasurement>(page, 'measurePage', isMega ? MEGA_TIMING : TIMING);
  let markjs: MarkjsResult | undefined;
  let markjsSkipped: string | undefined;
  if (!runMarkjs) markjsSkipped = '--no-markjs';
  else if (isMega && !markjsOnMega)
    markjsSkipped = 'joined page: minutes with mark.js (run with --markjs-mega)';
  else {
    // Last on the page: mark() rewrites the DOM and unmark() normalises the text nodes.
    log(`  ${name}: mark.js…`);
    markjs = await call<MarkjsResult>(page, 'markjs', MARKJS_TIMING, MARKJS_NAMES);
  }
  if (markjs?.error) {
    markjsSkipped = `mark.js threw: ${markjs.error}`;
    log(`  ${name}: ${markjsSkipped}`);
  }
  // One full DOM pass per keyword: time is linear in the names (checked by the linearity run).
  const markjsMs = markjs?.timing && (markjs.timing.medianMs * 1000) / markjs.names;
  return { measured, markjs, markjsMs, markjsSkipped };
}

async function profileOurs(page: Page, bundle: string, outFile: string) {
  const session = await page.createCDPSession();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  await call<number>(page, 'repeatOurs', 'real' satisfies DictionaryName, PROFILE_RUNS);
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

/** Shares of our pass (scanDom, real data): median over pages, and on the joined page. */
/** Shares of our pass (scanDom, real data): median over pages, and on the joined page. */
function breakdownSummary(rows: PageRow[]) {
  const shares = (row: PageRow) => {
    const total = ms(row, 'real');
    const core = ms(row, 'core');
    return {
      totalMs: round(total, 3),
      coreMs: round(core, 3),
      foldMs: round(ms(row, 'fold'), 3),
      collectBlocksMs: round(ms(row, 'collectBlocks'), 3),
      domSideMs: round(total - core, 3),
      coreShare: round(core / total, 3),
      foldShare: round(ms(row, 'fold') / total, 3),
      domSideShare: round((total - core) / total, 3),
    };
  };
  const all = rows.map(shares);
  const mega = rows.find((row) => row.page === MEGA_PAGE);
  return {
    note: "core = scanBlocks (fold + tokenize + lookup + classify) on EVERY block text of the page, and collectBlocks = a walk assembling every block with the engine's tag rules: what our pass would cost without the prefilter, which sends only candidate blocks to the core (so domSide = scanDom − core can be negative); readChars = a walk reading every character the engine looks at, nothing else",
    medianCoreShare: round(median(all.map((x) => x.coreShare)), 3),
    medianFoldShare: round(median(all.map((x) => x.foldShare)), 3),
    medianDomSideShare: round(median(all.map((x) => x.domSideShare)), 3),
    medianCollectBlocksOverFloor: round(
      median(rows.map((row) => ms(row, 'collectBlocks') / ms(row, 'floor'))),
      2,
    ),
    medianReadCharsOverFloor: round(median(rows.map((row) => ms(row, 'readChars') / ms(row, 'floor'))), 2),
    medianOursOverReadChars: round(median(rows.map((row) => ms(row, 'real') / ms(row, 'readChars'))), 2),
    medianWalkWithSkipsOverFloor: round(
      median(rows.map((row) => ms(row, 'walkWithSkips') / ms(row, 'floor'))),
      2,
    ),
    medianCoreOverFloor: round(median(rows.map((row) => ms(row, 'core') / ms(row, 'floor'))), 2),
    mega: mega && shares(mega),
  };
}

async function main() {
  const startedAt = Date.now();
  const loadAtStart = os.loadavg();
  const corpusDir = path.resolve(repoRoot, process.env.BENCH_CORPUS ?? '../shared/corpus/news');
  if (extensionCostOnly) {
    return extensionCostOnlyMain({
      repoRoot,
      corpusDir,
      only: option('pages')?.split(','),
      runs: EXTENSION_COST_RUNS,
      profilePage: COLD_PAGE,
      verify: args.has('--extension-cost-verify'),
      log,
    });
  }
  // Fails now, not after the engine run, if the extension was not built.
  const extensionDir = extensionCost ? chromeBuildDir(repoRoot) : undefined;
  const corpus = loadCorpus(corpusDir);
  const only = option('pages')?.split(',');
  const pageNames = [...corpus.pages, MEGA_PAGE].filter((page) => !only || only.includes(page));
  const server = await serveCorpus(corpus);
  const bundle = await bundlePageEntry(repoRoot);
  const markjsPath = path.join(repoRoot, 'node_modules/mark.js/dist/mark.min.js');
  const resultsDir = path.join(repoRoot, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });

  const browser = await launchChromium();
  const chromium = await browser.version();
  log(`${chromium}; corpus ${corpusDir} (${corpus.pages.length} pages) at ${server.origin}`);
  const rows: PageRow[] = [];
  const slicedRuns: (SlicedResult & { run: string })[] = [];
  let profileDigest: Awaited<ReturnType<typeof profileOurs>> | undefined;
  let blockedRequests = 0;
  let markjsLinearity: Record<string, string | number> | undefined;
  let cold: ColdStartResult | undefined;
  let setup: SetupInfo | undefined;
  let extensionRun: Awaited<ReturnType<typeof runExtensionCost>> | undefined;
  try {
    const { page, blocked } = await openOfflinePage(browser);
    // A content script's real first moments: a fresh navigation, cold code, real dictionary.
    const coldPage = corpus.pages.includes(COLD_PAGE) ? COLD_PAGE : corpus.pages[0]!;
    await openBenchPage(page, server.urlOf(coldPage), bundle);
    cold = await call<ColdStartResult>(page, 'coldStart');
    log(`cold start on ${coldPage}: ${JSON.stringify(cold)}`);
    // Then one harness page for the whole corpus, so the dictionaries are compiled only once.
    await openBenchPage(page, server.urlOf(HARNESS_PAGE), bundle, markjsPath);
    setup = await call<SetupInfo>(page, 'setup');
    log(`setup: ${JSON.stringify({ dataMs: setup.dataMs, compileMs: setup.compileMs })}`);
    for (const name of pageNames) {
      const isMega = name === MEGA_PAGE;
      const pageStart = Date.now();
      await call(page, 'loadPage', server.urlOf(name));
      if (isMega) {
        // First, before any other pass over this document: the sliced run a content script makes.
        slicedRuns.push({ run: 'first', ...(await call<SlicedResult>(page, 'sliced', 'real')) });
      }
      const measured = await measureEngine(page, name, isMega);
      const row: PageRow = {
        page: name,
        tiny: measured.measured.timings.floor.medianMs < TINY_FLOOR_MS,
        ...measured,
      };
      rows.push(row);
      if (name === LINEARITY_PAGE && !quick && row.markjs?.timing && row.markjs.names < LINEARITY_NAMES) {
        log(`  ${name}: mark.js with ${LINEARITY_NAMES} names (linearity check)…`);
        const sampleMs = row.markjs.timing.medianMs;
        const check = await call<MarkjsResult>(
          page,
          'markjs',
          { minTotalMs: 0, minSamples: 1, maxSamples: 1 },
          LINEARITY_NAMES,
        );
        markjsLinearity = {
          page: name,
          sampleNames: row.markjs.names,
          sampleMs: round(sampleMs, 1),
          checkNames: check.names,
          checkMs: check.timing ? round(check.timing.medianMs, 1) : `threw: ${check.error}`,
          measuredFactor: check.timing ? round(check.timing.medianMs / sampleMs, 2) : Number.NaN,
          assumedFactor: round(check.names / row.markjs.names, 2),
        };
      }
      if (isMega) {
        for (let i = 1; i < SLICED_RUNS; i++) {
          slicedRuns.push({ run: `again-${i}`, ...(await call<SlicedResult>(page, 'sliced', 'real')) });
        }
        if (profile)
          profileDigest = await profileOurs(page, bundle, path.join(resultsDir, 'mega.cpuprofile'));
      }
      log(
        `${name}: floor ${round(ms(row, 'floor'))} ms, ours ${round(ms(row, 'real'))} ms, ` +
          `1k ${round(ms(row, 'k1000'))}, 50k ${round(ms(row, 'k50000'))}, ` +
          `mark.js ${row.markjsMs === undefined ? '-' : round(row.markjsMs, 1)} ms (${Date.now() - pageStart} ms)`,
      );
    }
    blockedRequests = blocked();
    if (extensionDir) {
      extensionRun = await runExtensionCost({
        extensionDir,
        // The joined page takes about a minute per load here: only when asked for with --pages.
        pages: pageNames
          .filter((page) => page !== MEGA_PAGE || only?.includes(page))
          .map((page) => ({ page, url: server.urlOf(page) })),
        runs: EXTENSION_COST_RUNS,
        floorMsByPage: new Map(rows.map((row) => [row.page, ms(row, 'floor')])),
        profilePage: COLD_PAGE,
        resultsDir,
        verify: args.has('--extension-cost-verify'),
        log,
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const ratio = (pick: (row: PageRow) => number | undefined, over: (row: PageRow) => number) =>
    median(
      rows.flatMap((row) => {
        const value = pick(row);
        return value === undefined ? [] : [value / over(row)];
      }),
    );
  const ratioToFloor = ratio(
    (row) => ms(row, 'real'),
    (row) => ms(row, 'floor'),
  );
  const firstScanToFloor = ratio(
    (row) => ms(row, 'firstScan'),
    (row) => ms(row, 'floor'),
  );
  const speedupVsMarkjs = ratio(
    (row) => row.markjsMs,
    (row) => ms(row, 'k1000'),
  );
  const scale50k = ratio(
    (row) => ms(row, 'k50000'),
    (row) => ms(row, 'real'),
  );
  const longestSliceMs = Math.max(...slicedRuns.map((run) => run.maxSliceMs));
  const longestLongTaskMs = Math.max(0, ...slicedRuns.map((run) => run.maxLongTaskMs));
  const maxTaskMs = slicedRuns.length ? Math.max(longestSliceMs, longestLongTaskMs) : Number.NaN;
  const compileMs = (dictionary: DictionaryName) => round(setup?.compileMs[dictionary] ?? Number.NaN, 1);
  const mega = rows.find((row) => row.page === MEGA_PAGE);

  const summary = {
    bench: 'undersigned engine (lib/match + lib/dom) in the page main world; extension not loaded',
    pages: rows.length,
    ratioToFloor: round(ratioToFloor, 2),
    /** The same on a page's first scan (shadow hosts queried on the whole page), not a rescan. */
    firstScanToFloor: round(firstScanToFloor, 2),
    speedupVsMarkjs: round(speedupVsMarkjs, 1),
    scale50k: round(scale50k, 2),
    maxTaskMs: round(maxTaskMs, 1),
    pageCostToFloor: extensionRun?.summary.pageCostToFloor ?? Number.NaN,
    pageCostMs: extensionRun?.summary.pageCostMs ?? Number.NaN,
    // Beside the target figure (ScriptDuration difference): all extra main-thread CPU, and the
    // least-disturbed loads' difference (see extension-cost.ts).
    threadTimeCostToFloor: extensionRun?.summary.threadTimeCostToFloor ?? Number.NaN,
    minScriptCostToFloor: extensionRun?.summary.minScriptCostToFloor ?? Number.NaN,
    targets: {
      ratioToFloor: {
        target: `<= ${TARGETS.ratioToFloor.max}`,
        met: ratioToFloor <= TARGETS.ratioToFloor.max,
      },
      speedupVsMarkjs: {
        target: `>= ${TARGETS.speedupVsMarkjs.min}`,
        met: speedupVsMarkjs >= TARGETS.speedupVsMarkjs.min,
      },
      scale50k: { target: `<= ${TARGETS.scale50k.max}`, met: scale50k <= TARGETS.scale50k.max },
      maxTaskMs: {
        target: `<= ${TARGETS.maxTaskMs.max}`,
        met: maxTaskMs <= TARGETS.maxTaskMs.max,
        ...(slicedRuns.length ? {} : { note: `not measured: ${MEGA_PAGE} was not in this run` }),
      },
      pageCostToFloor: {
        target: `<= ${PAGE_COST_TARGET}`,
        met: (extensionRun?.summary.pageCostToFloor ?? Number.NaN) <= PAGE_COST_TARGET,
        ...(extensionRun ? {} : { note: 'not measured: --no-extension-cost' }),
      },
    },
    allTargetsMet: false,
    compileMs: { real: compileMs('real'), k1000: compileMs('k1000'), k50000: compileMs('k50000') },
    coldStart: cold && {
      page: corpus.pages.includes(COLD_PAGE) ? COLD_PAGE : corpus.pages[0],
      dataMs: round(cold.dataMs, 2),
      compileMs: round(cold.compileMs, 2),
      firstScanMs: round(cold.firstScanMs, 2),
      secondScanMs: round(cold.secondScanMs, 2),
    },
    dictionaries: setup?.dictionarySizes,
    medians: {
      floorMs: round(median(rows.map((row) => ms(row, 'floor'))), 4),
      readCharsMs: round(median(rows.map((row) => ms(row, 'readChars'))), 4),
      walkWithSkipsMs: round(median(rows.map((row) => ms(row, 'walkWithSkips'))), 4),
      oursMs: round(median(rows.map((row) => ms(row, 'real'))), 4),
      k1000Ms: round(median(rows.map((row) => ms(row, 'k1000'))), 4),
      k50000Ms: round(median(rows.map((row) => ms(row, 'k50000'))), 4),
      markjsMs: round(median(rows.flatMap((row) => (row.markjsMs === undefined ? [] : [row.markjsMs]))), 1),
      ratioK1000ToReal: round(
        ratio(
          (row) => ms(row, 'k1000'),
          (row) => ms(row, 'real'),
        ),
        2,
      ),
    },
    breakdown: breakdownSummary(rows),
    markjs: {
      names: runMarkjs ? MARKJS_NAMES : 0,
      note:
        MARKJS_NAMES < 1000
          ? `mark() on an evenly spaced ${MARKJS_NAMES}-name sample of the 1,000 names, time scaled ×${1000 / MARKJS_NAMES} (mark.js makes one DOM pass per name; all 1,000 took 45–65 s per typical page here, ~40 min for the corpus: --markjs-names=1000)`
          : 'mark() on all 1,000 names',
      linearity: markjsLinearity,
    },
    mega: mega && {
      textNodes: mega.measured.textNodes,
      chars: mega.measured.chars,
      floorMs: round(ms(mega, 'floor')),
      oursMs: round(ms(mega, 'real')),
      k1000Ms: round(ms(mega, 'k1000')),
      k50000Ms: round(ms(mega, 'k50000')),
      markjs: mega.markjsMs === undefined ? mega.markjsSkipped : round(mega.markjsMs, 1),
    },
    maxTask: {
      longestSliceMs: round(longestSliceMs, 2),
      longestLongTaskMs: round(longestLongTaskMs, 2),
      runs: slicedRuns.map((run) => ({
        run: run.run,
        slices: run.slices,
        longestSlice: `${run.longestSliceIndex + 1} of ${run.slices}`,
        firstSliceMs: round(run.firstSliceMs, 2),
        lastSliceMs: round(run.lastSliceMs, 2),
        maxSliceMs: round(run.maxSliceMs, 2),
        medianSliceMs: round(run.medianSliceMs, 2),
        maxGapMs: round(run.maxGapMs, 2),
        wallMs: round(run.wallMs, 1),
        longTasks: run.longTasks.length,
        hits: run.hits,
      })),
    },
    profileMega: profileDigest && {
      runs: profileDigest.runs,
      shareByModule: profileDigest.shareByModule,
      top: profileDigest.topFunctions
        .slice(0, 8)
        .map((row) => `${row.functionName} (${row.module}:${row.line}) ${round(row.share * 100, 1)}%`),
    },
    chromium,
    timerResolutionMs: setup?.timerResolutionMs,
    crossOriginIsolated: setup?.crossOriginIsolated,
    method:
      'per page, all passes timed interleaved in rounds, in a new shuffled order each round (batches ≥ 20 timer ticks, ≥ 50 ms and ≥ 5 batches per pass, 2 warm-up runs excluded), median of batch means; ratios are medians over pages of per-page ratios; corpus pages replace the harness document (document.open/write, same DOM as a navigation) so the dictionaries are compiled once; mark.js 1–3 runs, mark() only',
    machine: {
      cpus: os.cpus().length,
      loadAverageAtStart: loadAtStart.map((load) => round(load, 2)),
      loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)),
    },
    blockedRequests,
    durationS: round((Date.now() - startedAt) / 1000, 1),
  };
  summary.allTargetsMet = Object.values(summary.targets).every((target) => target.met);

  writeFileSync(
    path.join(resultsDir, 'bench-latest.json'),
    JSON.stringify(
      {
        summary: { ...summary, extensionCost: extensionRun?.summary },
        pages: rows,
        setup,
        cold,
        slicedRuns,
        profile: profileDigest,
        extensionCost: extensionRun && {
          pages: extensionRun.rows,
          profile: extensionRun.profileDigest,
          verification: extensionRun.verification,
        },
      },
      null,
      1,
    ),
  );

  const out: string[] = [];
  out.push(
    `Undersigned engine benchmark: ${chromium}, headless, ${process.platform}; engine only, in each page's main world (extension not loaded).`,
  );
  out.push(
    `floor = bare TreeWalker(SHOW_TEXT) reading every text node; ours = scanDom with the real data (${setup?.dictionarySizes.real?.entities} entities);`,
  );
  out.push(
    `1k / 50k = scanDom with the dictionary grown to 1,000 / 50,000 names; mark.js = new Mark(body).mark(1,000 names), mark() only.`,
  );
  out.push(
    `mark.js ms with ~ = scaled from a ${MARKJS_NAMES}-name sample (see below); mark/1k = mark.js ms / 1k ms.`,
  );
  out.push(
    `* = tiny page (floor < ${TINY_FLOOR_MS} ms): its ratio is dominated by fixed costs. Timer resolution ${setup?.timerResolutionMs} ms.`,
  );
  out.push('');
  out.push(formatTable(rows));
  out.push('');
  const flag = (met: boolean) => (met ? 'met' : 'MISSED');
  if (loadAtStart[0]! > os.cpus().length) {
    out.push(
      `note: load average ${round(loadAtStart[0]!, 1)} on ${os.cpus().length} CPUs at start: other work shared the machine; absolute times are inflated, ratios less so (interleaved timing).`,
    );
  }
  out.push(
    `ratioToFloor    ${summary.ratioToFloor} (target ≤ 3): ${flag(summary.targets.ratioToFloor.met)}; a page's first scan (whole-page shadow-host query): ${summary.firstScanToFloor}`,
  );
  out.push(
    `  reading every character the engine looks at, and nothing else, costs ${summary.breakdown.medianReadCharsOverFloor}× the floor; ours is ${summary.breakdown.medianOursOverReadChars}× that (medians over pages)`,
  );
  out.push(
    `speedupVsMarkjs ${summary.speedupVsMarkjs} (target ≥ 100): ${flag(summary.targets.speedupVsMarkjs.met)}`,
  );
  out.push(`scale50k        ${summary.scale50k} (target ≤ 1.5): ${flag(summary.targets.scale50k.met)}`);
  out.push(
    slicedRuns.length
      ? `maxTaskMs       ${summary.maxTaskMs} (target ≤ 50): ${flag(summary.targets.maxTaskMs.met)}; longest slice ${summary.maxTask.longestSliceMs} ms, longest 'longtask' ${summary.maxTask.longestLongTaskMs} ms (scanDomSliced, default budget, on ${MEGA_PAGE}, ${slicedRuns.length} runs)`
      : `maxTaskMs       not measured (${MEGA_PAGE} not in this run)`,
  );
  out.push(
    `compile (ms, once; the first one cold): real ${summary.compileMs.real}, 1k ${summary.compileMs.k1000}, 50k ${summary.compileMs.k50000}`,
  );
  if (summary.coldStart) {
    const c = summary.coldStart;
    out.push(
      `cold start on a fresh ${c.page} (data + compile + first pass, real dictionary): ${c.dataMs} + ${c.compileMs} + ${c.firstScanMs} ms; second pass ${c.secondScanMs} ms`,
    );
  }
  out.push(`mark.js: ${summary.markjs.note}.`);
  if (markjsLinearity) {
    out.push(
      `  linearity check on ${markjsLinearity.page}: ${markjsLinearity.sampleNames} names ${markjsLinearity.sampleMs} ms, ` +
        `${markjsLinearity.checkNames} names ${markjsLinearity.checkMs} ms: ×${markjsLinearity.measuredFactor} measured vs ×${markjsLinearity.assumedFactor} assumed.`,
    );
  }
  if (mega?.markjsSkipped) out.push(`mark.js on ${MEGA_PAGE}: skipped (${mega.markjsSkipped}).`);
  const bd = summary.breakdown;
  out.push(
    `what the prefilter spares (median over pages): assembling every block of the page with the same tag rules costs ${bd.medianCollectBlocksOverFloor}× the floor, ` +
      `and the core (fold, tokenize, look up, classify) on all of those blocks ${bd.medianCoreOverFloor}× the floor`,
  );
  if (bd.mega) out.push(`  on ${MEGA_PAGE}: ${JSON.stringify(bd.mega)}`);
  if (profileDigest) {
    out.push(
      `CPU profile of ${PROFILE_RUNS} scanDom runs on ${MEGA_PAGE}, self time by module: ${JSON.stringify(profileDigest.shareByModule)}`,
    );
  }
  if (extensionRun) out.push('', ...extensionRun.lines, '');
  out.push(`Details: bench-results/bench-latest.json${profile ? ', bench-results/mega.cpuprofile' : ''}`);
  out.push(JSON.stringify(summary));
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
