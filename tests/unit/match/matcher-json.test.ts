import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../lib/match/index';
import { toMatcherData } from '../../../lib/data/matcher-data';
import type { DataBundle } from '../../../lib/data/model';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (path: string): unknown => JSON.parse(readFileSync(resolve(repoRoot, path), 'utf8'));

describe('assets/data/matcher.json', () => {
  it('is exactly toMatcherData(bundle.json) plus its compiled form, so the content script and the rest agree (npm run data)', () => {
    const bundle = read('assets/data/bundle.json') as DataBundle;
    const { compiled, ...data } = read('assets/data/matcher.json') as Record<string, unknown>;
    expect(data).toEqual(toMatcherData(bundle));
    expect(compiled).toBeTypeOf('object');
  });

  it('is small enough for a content script and compiles', () => {
    const text = readFileSync(resolve(repoRoot, 'assets/data/matcher.json'), 'utf8');
    // ~10 kB of data and ~33 kB of compiled form (parsing it costs far less than compiling).
    expect(text.length).toBeLessThan(60_000);
    const matcher = compileMatcher(JSON.parse(text) as ReturnType<typeof toMatcherData>);
    expect(matcher.entities.length).toBeGreaterThan(35);
  });
});
