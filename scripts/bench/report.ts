/** Summary statistics, the text table and the CPU-profile digest of `npm run bench`. Pure. */
import type { MarkjsResult, PageMeasurement, ProfileRow } from './protocol';

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export interface PageRow {
  page: string;
  tiny: boolean;
  measured: PageMeasurement;
  markjs?: MarkjsResult;
  /** mark.js time for the 1,000 names: measured, or scaled linearly from a sample of names. */
  markjsMs?: number;
  /** Why mark.js has no figure on this page, if it has none. */
  markjsSkipped?: string;
}

/** Median time of one pass on one page. */
export function ms(row: PageRow, pass: keyof PageMeasurement['timings']): number {
  return row.measured.timings[pass].medianMs;
}

/** Floors under this are within ~10 ticks of a non-isolated timer: say so next to the ratio. */
export const TINY_FLOOR_MS = 0.05;

function cell(value: number | string, width: number, digits = 3): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(digits) : '-') : value;
  return text.padStart(width);
}

export function formatTable(rows: PageRow[]): string {
  const header = [
    'page'.padEnd(26),
    'text nodes'.padStart(10),
    'chars'.padStart(9),
    'floor ms'.padStart(9),
    'ours ms'.padStart(9),
    'ratio'.padStart(6),
    '1k ms'.padStart(8),
    '50k ms'.padStart(8),
    'mark.js ms'.padStart(11),
    'mark/1k'.padStart(8),
    'hits'.padStart(5),
  ].join(' ');
  const lines = [header, '-'.repeat(header.length)];
  for (const row of rows) {
    const floorMs = ms(row, 'floor');
    const oursMs = ms(row, 'real');
    const k1000Ms = ms(row, 'k1000');
    const markMs = row.markjsMs ?? Number.NaN;
    lines.push(
      [
        (row.page + (row.tiny ? ' *' : '')).padEnd(26),
        cell(row.measured.textNodes, 10, 0),
        cell(row.measured.chars, 9, 0),
        cell(floorMs, 9),
        cell(oursMs, 9),
        cell(oursMs / floorMs, 6, 1),
        cell(k1000Ms, 8),
        cell(ms(row, 'k50000'), 8),
        row.markjsMs !== undefined
          ? cell(markMs.toFixed(0) + ((row.markjs?.names ?? 1000) < 1000 ? '~' : ''), 11)
          : cell(row.markjsSkipped ? (row.markjs?.error ? 'failed' : 'skipped') : '-', 11),
        cell(markMs / k1000Ms, 8, 0),
        cell(row.measured.scans.real.hits, 5, 0),
      ].join(' '),
    );
  }
  return lines.join('\n');
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function, largest first. */
export function digestProfile(profile: CpuProfile, top = 15): ProfileRow[] {
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, { row: Omit<ProfileRow, 'selfMs' | 'share'>; us: number }>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalUs = 0;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the next delta to sample i.
    const us = deltas[i + 1] ?? 0;
    const node = nodeById.get(samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName}\u0000${url}\u0000${lineNumber}`;
    const entry = selfUs.get(key) ?? {
      row: { functionName: functionName || '(anonymous)', url, line: lineNumber + 1 },
      us: 0,
    };
    entry.us += us;
    selfUs.set(key, entry);
    totalUs += us;
  }
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map(({ row, us }) => ({ ...row, selfMs: round(us / 1000, 2), share: round(us / totalUs, 3) }));
}

/**
 * Which bundled source file each line of an esbuild (non-minified) IIFE came from: esbuild
 * starts every module with a `// path/to/file.ts` comment.
 */
export function moduleStarts(bundle: string): { line: number; module: string }[] {
  const starts: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((text, index) => {
    const match = /^\s*\/\/ ((?:lib|scripts|assets|node_modules)\/\S+)$/.exec(text);
    if (match) starts.push({ line: index + 1, module: match[1]! });
  });
  return starts;
}

export function moduleOfLine(starts: { line: number; module: string }[], line: number): string {
  let found = '';
  for (const start of starts) {
    if (start.line > line) break;
    found = start.module;
  }
  return found;
}
