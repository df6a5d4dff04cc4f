/** Reads the researched facts (../shared/data, or another copy) as lib/data/build.ts takes them. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RawFacts } from '../../lib/data/build';

export function readFacts(factsDir: string): RawFacts {
  const read = (name: string): unknown => JSON.parse(readFileSync(resolve(factsDir, name), 'utf8'));
  return {
    dataset: read('dataset.json'),
    letter: read('letter.json'),
    signatories: read('signatories.json'),
    actors: read('actors.json'),
    unconfirmed: read('unconfirmed.json'),
    initiatives: read('initiatives.json'),
    topics: read('topics.json'),
  } as RawFacts;
}
