import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectFiles, loadMatcherData, scanHtml } from '../../../scripts/scan';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('npm run scan (scripts/scan.ts)', () => {
  it('reports people with names and statuses, topics and classification for a saved page', async () => {
    const data = loadMatcherData();
    const html = readFileSync(resolve(repoRoot, 'tests/fixtures/pages/seed.html'), 'utf8');
    const report = await scanHtml(html, data);
    expect(report.classification).toEqual({ aiCopyright: true, letter: true, otherInitiative: false });
    expect(report.people.slice(0, 2)).toEqual([
      { id: 'donald-trump', name: 'Donald Trump', status: 'actor', mentions: 7 },
      { id: 'mark-ruffalo', name: 'Mark Ruffalo', status: 'signed', mentions: 4 },
    ]);
    expect(report.people.find((p) => p.id === 'natasha-lyonne')?.status).toBe('organiser');
    expect(report.topics.map((t) => t.id)).toContain('ai-action-plan');
  });

  it('does not run the scripts of a saved page', async () => {
    const html =
      '<p id="x">Mark Ruffalo</p><script>document.getElementById("x").textContent = "Chris Rock";</script>';
    const report = await scanHtml(html, loadMatcherData());
    expect(report.people).toEqual([
      { id: 'mark-ruffalo', name: 'Mark Ruffalo', status: 'signed', mentions: 1 },
    ]);
  });

  it('collects .html files from folders, sorted', () => {
    const files = collectFiles([resolve(repoRoot, 'tests/fixtures')]);
    expect(files.some((f) => f.endsWith('pages/seed.html'))).toBe(true);
    expect(files.every((f) => /\.html?$/.test(f))).toBe(true);
  });
});
