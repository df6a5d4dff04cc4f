/**
 * Surveys saved pages with the extension's own detection engine, through happy-dom in Node.
 *
 *   npm run scan -- page.html folder/ …     # people (with status), topics, classification per file
 *   npm run scan -- --json folder/          # one JSON object per line per file
 *
 * Scripts in the saved pages never run and nothing is fetched: JavaScript evaluation, file
 * loading and iframe page loading are all off.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Window } from 'happy-dom';
import { compileMatcher, type MatcherData } from '../lib/match/index';
import { toMatcherData } from '../lib/data/matcher-data';
import { scanDom, type DomScan } from '../lib/dom/scan-dom';
import type { DataBundle } from '../lib/data/model';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface FileReport {
  file: string;
  people: { id: string; name: string; status: string; mentions: number }[];
  topics: { id: string; mentions: number }[];
  classification: DomScan['classification'];
  stats: DomScan['stats'] & { ms: number };
}

function usage(): never {
  console.error('usage: npm run scan -- [--json] <html files or folders>…');
  process.exit(2);
}

/** The .html/.htm files named or found (recursively) under the arguments, in a stable order. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const child = join(path, name);
        if (statSync(child).isDirectory() || /\.html?$/i.test(name)) visit(child);
      }
    } else {
      files.push(path);
    }
  };
  for (const p of paths) visit(p);
  return files;
}

export function loadMatcherData(): MatcherData {
  const bundle = JSON.parse(readFileSync(resolve(root, 'assets/data/bundle.json'), 'utf8')) as DataBundle;
  return toMatcherData(bundle);
}

/** Parses one saved page inertly and scans its body with the engine. */
export async function scanHtml(
  html: string,
  data: MatcherData,
  matcher = compileMatcher(data),
): Promise<Omit<FileReport, 'file'>> {
  const window = new Window({
    url: 'https://saved-page.invalid/',
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      enableCSSFileLoading: false,
      disableIframePageLoading: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  try {
    const parser = new window.DOMParser();
    const doc = parser.parseFromString(html, 'text/html');
    const start = performance.now();
    const scan = scanDom((doc.body ?? doc.documentElement) as unknown as Node, matcher);
    const ms = performance.now() - start;
    const byId = new Map(data.entities.map((e) => [e.id, e]));
    return {
      people: scan.people.map((p) => {
        const e = byId.get(p.id)!;
        return { id: p.id, name: e.name, status: e.status, mentions: p.mentions };
      }),
      topics: scan.topics,
      classification: scan.classification,
      stats: { ...scan.stats, ms: Math.round(ms * 100) / 100 },
    };
  } finally {
    await window.happyDOM.close();
  }
}

function printText(report: FileReport): void {
  const c = report.classification;
  const classes = [
    c.aiCopyright && 'AI & copyright',
    c.letter && 'this letter',
    c.otherInitiative && 'another initiative',
  ].filter(Boolean);
  console.log(
    `${report.file}  [${classes.length ? classes.join(', ') : 'not about AI and copyright'}]  ${report.stats.ms} ms`,
  );
  for (const p of report.people) console.log(`  ${p.status.padEnd(11)} ${p.name} (${p.id}) ×${p.mentions}`);
  if (report.topics.length)
    console.log(`  topics: ${report.topics.map((t) => `${t.id} ×${t.mentions}`).join(', ')}`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const paths = args.filter((a) => a !== '--json');
  if (args.some((a) => a.startsWith('--') && a !== '--json')) usage();
  if (paths.length === 0) usage();
  for (const p of paths) {
    try {
      statSync(p);
    } catch {
      console.error(`scan: no such file or folder: ${p}`);
      process.exit(1);
    }
  }
  const data = loadMatcherData();
  const matcher = compileMatcher(data);
  const files = collectFiles(paths);
  const times: number[] = [];
  let withPeople = 0;
  for (const file of files) {
    const result = await scanHtml(readFileSync(file, 'utf8'), data, matcher);
    const report: FileReport = { file: relative(process.cwd(), file) || file, ...result };
    times.push(report.stats.ms);
    if (report.people.length) withPeople++;
    if (json) console.log(JSON.stringify(report));
    else printText(report);
  }
  if (!json) {
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
    console.log(
      `\n${files.length} files, ${withPeople} mention someone; scan time per page (walk + match, Node + happy-dom): median ${median} ms, max ${sorted.at(-1) ?? 0} ms`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
