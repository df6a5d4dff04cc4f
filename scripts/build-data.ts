/**
 * Regenerates the bundled data (assets/data/bundle.json) from the researched facts in
 * ../shared/data, validating the result with the same schema the extension uses.
 *
 *   npm run data                      # reads ../shared/data
 *   npm run data -- path/to/data      # reads another copy of the facts
 *   npm run data -- --check           # fails if the committed bundle is out of date
 *
 * The output is committed: the extension builds without ../shared.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle } from '../lib/data/build';
import { formatIssues, validateBundle } from '../lib/data/validate';
import { compileMatcher } from '../lib/match/compile';
import { toMatcherData } from '../lib/data/matcher-data';
import { serializeMatcher } from '../lib/match/precompiled';
import { readFacts } from './lib/facts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const factsDir = resolve(args.find((a) => !a.startsWith('--')) ?? resolve(root, '../shared/data'));
const outFile = resolve(root, 'assets/data/bundle.json');
/**
 * The compact subset the content script ships (names, statuses, topic terms; no sources), with
 * the matcher compiled from it, so the content script does no compile work on a page.
 */
const matcherFile = resolve(root, 'assets/data/matcher.json');

const bundle = buildBundle(readFacts(factsDir));
const result = validateBundle(bundle);
if (!result.ok) {
  console.error(`The facts in ${factsDir} do not make a valid bundle:\n${formatIssues(result.issues)}`);
  process.exit(1);
}

const text = `${JSON.stringify(result.bundle, null, 1)}\n`;
const matcherData = toMatcherData(result.bundle);
const matcherText = `${JSON.stringify({ ...matcherData, compiled: serializeMatcher(compileMatcher(matcherData)) })}\n`;
if (check) {
  for (const [file, expected] of [
    [outFile, text],
    [matcherFile, matcherText],
  ] as const) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // Missing counts as out of date.
    }
    if (current !== expected) {
      console.error(`${file} is out of date with ${factsDir}: run npm run data`);
      process.exit(1);
    }
  }
  console.log(`${outFile} and ${matcherFile} are up to date (data ${result.bundle.version}).`);
} else {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  writeFileSync(matcherFile, matcherText);
  const e = result.bundle.entities;
  const count = (s: string) => e.filter((x) => x.status === s).length;
  console.log(
    `Wrote ${outFile}: data ${result.bundle.version}, ${count('signed')} signed + ${count('organiser')} organisers, ` +
      `${count('actor')} actors, ${count('unconfirmed')} unconfirmed, ${result.bundle.topics.length} topics.`,
  );
}
