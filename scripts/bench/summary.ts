/**
 * What `npm run bench` reports from its passes (run.ts): the summary (the JSON object printed as
 * the last line, with the targets), the details file, and the printed table and findings.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAGE_COST_TARGET, type ExtensionCostRun } from './extension-cost';
import type { ColdStartResult, DictionaryName, SetupInfo, SlicedResult, TimingOptions } from './protocol';
import { formatTable, median, ms, round, TINY_FLOOR_MS, type PageRow } from './report';
import { MEGA_PAGE } from './server';

const TARGETS = {
  ratioToFloor: { max: 3 },
  speedupVsMarkjs: { min: 100 },
  scale50k: { max: 1.5 },
  maxTaskMs: { max: 50 },
} as const;

/** The command line, parsed once (run.ts parseOptions). */
export interface BenchOptions {
  quick: boolean;
  runMarkjs: boolean;
  markjsOnMega: boolean;
  profile: boolean;
  verbose: boolean;
  extensionCost: boolean;
  extensionCostOnly: boolean;
  extensionCostVerify: boolean;
  extensionCostRuns: number;
  /** mark.js marks an evenly spaced sample of this many names; its time is scaled to 1,000. */
  markjsNames: number;
  /** --pages: only these pages. */
  pages: string[] | undefined;
  corpusDir: string;
  timing: TimingOptions;
  markjsTiming: TimingOptions;
  megaTiming: TimingOptions;
}

export interface ProfileDigest {
  runs: number;
  topFunctions: { functionName: string; module: string; line: number; share: number }[];
  shareByModule: Record<string, number>;
}

/** Everything the passes measured. */
export interface BenchRun {
  startedAt: number;
  loadAtStart: number[];
  chromium: string;
  /** The page a fresh navigation's cold start was measured on. */
  coldPage: string;
  rows: PageRow[];
  slicedRuns: (SlicedResult & { run: string })[];
  profileDigest?: ProfileDigest;
  markjsLinearity?: Record<string, string | number>;
  cold?: ColdStartResult;
  setup?: SetupInfo;
  extensionRun?: ExtensionCostRun;
  blockedRequests: number;
}

export type Summary = ReturnType<typeof summarize>;

/** The headline figures: medians over pages of per-page ratios, and the longest task. */
function headline(run: BenchRun) {
  const rows = run.rows;
  const ratio = (pick: (row: PageRow) => number | undefined, over: (row: PageRow) => number) =>
    median(
      rows.flatMap((row) => {
        const value = pick(row);
        return value === undefined ? [] : [value / over(row)];
      }),
    );
  const longestSliceMs = Math.max(...run.slicedRuns.map((r) => r.maxSliceMs));
  const longestLongTaskMs = Math.max(0, ...run.slicedRuns.map((r) => r.maxLongTaskMs));
  return {
    ratio,
    ratioToFloor: ratio(
      (row) => ms(row, 'real'),
      (row) => ms(row, 'floor'),
    ),
    firstScanToFloor: ratio(
      (row) => ms(row, 'firstScan'),
      (row) => ms(row, 'floor'),
    ),
    speedupVsMarkjs: ratio(
      (row) => row.markjsMs,
      (row) => ms(row, 'k1000'),
    ),
    scale50k: ratio(
      (row) => ms(row, 'k50000'),
      (row) => ms(row, 'real'),
    ),
    longestSliceMs,
    longestLongTaskMs,
    maxTaskMs: run.slicedRuns.length ? Math.max(longestSliceMs, longestLongTaskMs) : Number.NaN,
  };
}

export function summarize(opts: BenchOptions, run: BenchRun) {
  const h = headline(run);
  const head = headlineSummary(run, h);
  return {
    ...head,
    allTargetsMet: Object.values(head.targets).every((target) => target.met),
    ...medianSummary(run, h),
    ...detailSummary(opts, run, h),
  };
}

function headlineSummary(run: BenchRun, h: ReturnType<typeof headline>) {
  return {
    bench: 'undersigned engine (lib/match + lib/dom) in the page main world; extension not loaded',
    pages: run.rows.length,
    ratioToFloor: round(h.ratioToFloor, 2),
    /** The same on a page's first scan (shadow hosts queried on the whole page), not a rescan. */
    firstScanToFloor: round(h.firstScanToFloor, 2),
    speedupVsMarkjs: round(h.speedupVsMarkjs, 1),
    scale50k: round(h.scale50k, 2),
    maxTaskMs: round(h.maxTaskMs, 1),
    pageCostToFloor: run.extensionRun?.summary.pageCostToFloor ?? Number.NaN,
    pageCostMs: run.extensionRun?.summary.pageCostMs ?? Number.NaN,
    // Beside the target figure (ScriptDuration difference): all extra main-thread CPU, and the
    // least-disturbed loads' difference (see extension-cost.ts).
    threadTimeCostToFloor: run.extensionRun?.summary.threadTimeCostToFloor ?? Number.NaN,
    minScriptCostToFloor: run.extensionRun?.summary.minScriptCostToFloor ?? Number.NaN,
    targets: {
      ratioToFloor: {
        target: `<= ${TARGETS.ratioToFloor.max}`,
        met: h.ratioToFloor <= TARGETS.ratioToFloor.max,
      },
      speedupVsMarkjs: {
        target: `>= ${TARGETS.speedupVsMarkjs.min}`,
        met: h.speedupVsMarkjs >= TARGETS.speedupVsMarkjs.min,
      },
      scale50k: { target: `<= ${TARGETS.scale50k.max}`, met: h.scale50k <= TARGETS.scale50k.max },
      maxTaskMs: {
        target: `<= ${TARGETS.maxTaskMs.max}`,
        met: h.maxTaskMs <= TARGETS.maxTaskMs.max,
        ...(run.slicedRuns.length ? {} : { note: `not measured: ${MEGA_PAGE} was not in this run` }),
      },
      pageCostToFloor: {
        target: `<= ${PAGE_COST_TARGET}`,
        met: (run.extensionRun?.summary.pageCostToFloor ?? Number.NaN) <= PAGE_COST_TARGET,
        ...(run.extensionRun ? {} : { note: 'not measured: --no-extension-cost' }),
      },
    },
  };
}

function medianSummary(run: BenchRun, h: ReturnType<typeof headline>) {
  const ratio = h.ratio;
  const compileMs = (dictionary: DictionaryName) => round(run.setup?.compileMs[dictionary] ?? Number.NaN, 1);
  return {
    compileMs: { real: compileMs('real'), k1000: compileMs('k1000'), k50000: compileMs('k50000') },
    coldStart: run.cold && {
      page: run.coldPage,
      dataMs: round(run.cold.dataMs, 2),
      compileMs: round(run.cold.compileMs, 2),
      firstScanMs: round(run.cold.firstScanMs, 2),
      secondScanMs: round(run.cold.secondScanMs, 2),
    },
    dictionaries: run.setup?.dictionarySizes,
    medians: {
      floorMs: round(median(run.rows.map((row) => ms(row, 'floor'))), 4),
      readCharsMs: round(median(run.rows.map((row) => ms(row, 'readChars'))), 4),
      walkWithSkipsMs: round(median(run.rows.map((row) => ms(row, 'walkWithSkips'))), 4),
      oursMs: round(median(run.rows.map((row) => ms(row, 'real'))), 4),
      k1000Ms: round(median(run.rows.map((row) => ms(row, 'k1000'))), 4),
      k50000Ms: round(median(run.rows.map((row) => ms(row, 'k50000'))), 4),
      markjsMs: round(
        median(run.rows.flatMap((row) => (row.markjsMs === undefined ? [] : [row.markjsMs]))),
        1,
      ),
      ratioK1000ToReal: round(
        ratio(
          (row) => ms(row, 'k1000'),
          (row) => ms(row, 'real'),
        ),
        2,
      ),
    },
    breakdown: breakdownSummary(run.rows),
  };
}

function detailSummary(opts: BenchOptions, run: BenchRun, h: ReturnType<typeof headline>) {
  const mega = run.rows.find((row) => row.page === MEGA_PAGE);
  return {
    markjs: {
      names: opts.runMarkjs ? opts.markjsNames : 0,
      note:
        opts.markjsNames < 1000
          ? `mark() on an evenly spaced ${opts.markjsNames}-name sample of the 1,000 names, time scaled ×${1000 / opts.markjsNames} (mark.js makes one DOM pass per name; all 1,000 took 45–65 s per typical page here, ~40 min for the corpus: --markjs-names=1000)`
          : 'mark() on all 1,000 names',
      linearity: run.markjsLinearity,
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
      longestSliceMs: round(h.longestSliceMs, 2),
      longestLongTaskMs: round(h.longestLongTaskMs, 2),
      runs: run.slicedRuns.map((run) => ({
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
    profileMega: run.profileDigest && {
      runs: run.profileDigest.runs,
      shareByModule: run.profileDigest.shareByModule,
      top: run.profileDigest.topFunctions
        .slice(0, 8)
        .map((row) => `${row.functionName} (${row.module}:${row.line}) ${round(row.share * 100, 1)}%`),
    },
    chromium: run.chromium,
    timerResolutionMs: run.setup?.timerResolutionMs,
    crossOriginIsolated: run.setup?.crossOriginIsolated,
    method:
      'per page, all passes timed interleaved in rounds, in a new shuffled order each round (batches ≥ 20 timer ticks, ≥ 50 ms and ≥ 5 batches per pass, 2 warm-up runs excluded), median of batch means; ratios are medians over pages of per-page ratios; corpus pages replace the harness document (document.open/write, same DOM as a navigation) so the dictionaries are compiled once; mark.js 1–3 runs, mark() only',
    machine: {
      cpus: os.cpus().length,
      loadAverageAtStart: run.loadAtStart.map((load) => round(load, 2)),
      loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)),
    },
    blockedRequests: run.blockedRequests,
    durationS: round((Date.now() - run.startedAt) / 1000, 1),
  };
}

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

/** bench-results/bench-latest.json: the summary with every page's measurements. */
export function writeDetails(resultsDir: string, summary: Summary, run: BenchRun): void {
  writeFileSync(
    path.join(resultsDir, 'bench-latest.json'),
    JSON.stringify(
      {
        summary: { ...summary, extensionCost: run.extensionRun?.summary },
        pages: run.rows,
        setup: run.setup,
        cold: run.cold,
        slicedRuns: run.slicedRuns,
        profile: run.profileDigest,
        extensionCost: run.extensionRun && {
          pages: run.extensionRun.rows,
          profile: run.extensionRun.profileDigest,
          verification: run.extensionRun.verification,
        },
      },
      null,
      1,
    ),
  );
}

/** The printed report: what was measured, the table, then the findings and the summary line. */
export function reportLines(opts: BenchOptions, summary: Summary, run: BenchRun): string[] {
  const out: string[] = [];
  out.push(
    `Undersigned engine benchmark: ${run.chromium}, headless, ${process.platform}; engine only, in each page's main world (extension not loaded).`,
  );
  out.push(
    `floor = bare TreeWalker(SHOW_TEXT) reading every text node; ours = scanDom with the real data (${run.setup?.dictionarySizes.real?.entities} entities);`,
  );
  out.push(
    `1k / 50k = scanDom with the dictionary grown to 1,000 / 50,000 names; mark.js = new Mark(body).mark(1,000 names), mark() only.`,
  );
  out.push(
    `mark.js ms with ~ = scaled from a ${opts.markjsNames}-name sample (see below); mark/1k = mark.js ms / 1k ms.`,
  );
  out.push(
    `* = tiny page (floor < ${TINY_FLOOR_MS} ms): its ratio is dominated by fixed costs. Timer resolution ${run.setup?.timerResolutionMs} ms.`,
  );
  out.push('');
  out.push(formatTable(run.rows));
  return [...out, ...findingLines(opts, summary, run), JSON.stringify(summary)];
}

function findingLines(opts: BenchOptions, summary: Summary, run: BenchRun): string[] {
  const out: string[] = [];
  out.push('');
  const flag = (met: boolean) => (met ? 'met' : 'MISSED');
  if (run.loadAtStart[0]! > os.cpus().length) {
    out.push(
      `note: load average ${round(run.loadAtStart[0]!, 1)} on ${os.cpus().length} CPUs at start: other work shared the machine; absolute times are inflated, ratios less so (interleaved timing).`,
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
    run.slicedRuns.length
      ? `maxTaskMs       ${summary.maxTaskMs} (target ≤ 50): ${flag(summary.targets.maxTaskMs.met)}; longest slice ${summary.maxTask.longestSliceMs} ms, longest 'longtask' ${summary.maxTask.longestLongTaskMs} ms (scanDomSliced, default budget, on ${MEGA_PAGE}, ${run.slicedRuns.length} runs)`
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
  const markjsLinearity = run.markjsLinearity;
  if (markjsLinearity) {
    out.push(
      `  linearity check on ${markjsLinearity.page}: ${markjsLinearity.sampleNames} names ${markjsLinearity.sampleMs} ms, ` +
        `${markjsLinearity.checkNames} names ${markjsLinearity.checkMs} ms: ×${markjsLinearity.measuredFactor} measured vs ×${markjsLinearity.assumedFactor} assumed.`,
    );
  }
  const mega = run.rows.find((row) => row.page === MEGA_PAGE);
  if (mega?.markjsSkipped) out.push(`mark.js on ${MEGA_PAGE}: skipped (${mega.markjsSkipped}).`);
  const bd = summary.breakdown;
  out.push(
    `what the prefilter spares (median over pages): assembling every block of the page with the same tag rules costs ${bd.medianCollectBlocksOverFloor}× the floor, ` +
      `and the core (fold, tokenize, look up, classify) on all of those blocks ${bd.medianCoreOverFloor}× the floor`,
  );
  if (bd.mega) out.push(`  on ${MEGA_PAGE}: ${JSON.stringify(bd.mega)}`);
  if (run.profileDigest) {
    out.push(
      `CPU profile of ${run.profileDigest.runs} scanDom runs on ${MEGA_PAGE}, self time by module: ${JSON.stringify(run.profileDigest.shareByModule)}`,
    );
  }
  if (run.extensionRun) out.push('', ...run.extensionRun.lines, '');
  out.push(
    `Details: bench-results/bench-latest.json${opts.profile ? ', bench-results/mega.cpuprofile' : ''}`,
  );
  return out;
}
