import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMatcher, toMatcherData } from '../../../lib/match/index';
import type { DataBundle } from '../../../lib/data/model';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (path: string): unknown => JSON.parse(readFileSync(resolve(repoRoot, path), 'utf8'));

describe('assets/data/matcher.json', () => {
  it('is exactly toMatcherData(bundle.json), so the content script and the rest agree (npm run data)', () => {
    const bundle = read('assets/data/bundle.json') as DataBundle;
    expect(read('assets/data/matcher.json')).toEqual(toMatcherData(bundle));
  });

  it('is small enough for a content script and compiles', () => {
    const text = readFileSync(resolve(repoRoot, 'assets/data/matcher.json'), 'utf8');
    expect(text.length).toBeLessThan(30_000);
    const matcher = compileMatcher(JSON.parse(text) as ReturnType<typeof toMatcherData>);
    expect(matcher.entities.length).toBeGreaterThan(35);
  });
});
