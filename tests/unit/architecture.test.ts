/**
 * The architecture's rules, enforced (in the way refined-github tests its repository's rules):
 * each folder imports only what its place allows, and no import cycle exists. The rules say why;
 * each lib/ folder's README-style header repeats its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['lib', 'components', 'entrypoints', 'scripts'];

interface Import {
  from: string;
  /** Repo-relative path of the imported file, or the bare package name. */
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Resolves a relative specifier to a repo-relative file path (with its extension). */
function resolveSpecifier(fromFile: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    try {
      if (statSync(candidate).isFile()) return relative(root, candidate);
    } catch {
      // Not this one.
    }
  }
  return relative(root, base);
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const from = relative(root, file);
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    // `import { type A, type B } from` is type-only too.
    const clause = m[0];
    const namedTypesOnly = /\{([^}]*)\}/
      .exec(clause)?.[1]
      ?.split(',')
      .every((s) => /^\s*(type\s|$)/.test(s));
    const typeOnly = m[2] !== undefined || (namedTypesOnly === true && !/import\s+\w+\s*,/.test(clause));
    out.push({ from, to: resolveSpecifier(file, m[3]!), typeOnly });
  }
  for (const m of text.matchAll(DYNAMIC))
    out.push({ from, to: resolveSpecifier(file, m[1]!), typeOnly: false });
  return out;
}

const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(root, d)));
const imports = files.flatMap(importsOf);
const inside = (path: string, folder: string): boolean => path.startsWith(`${folder}/`);
const violations = (rule: (i: Import) => boolean): string[] =>
  imports.filter(rule).map((i) => `${i.from} → ${i.to}${i.typeOnly ? ' (type)' : ''}`);

// What each folder's README says it may not import (value imports; types are free unless said).
const FORBIDDEN: Record<string, { folders: string[]; types?: boolean }> = {
  'lib/access': { folders: ['lib/store', 'lib/content', 'components'] },
  'lib/background': { folders: ['lib/content', 'lib/dom', 'components'] },
  'lib/content': { folders: ['lib/store', 'lib/background'] },
  'lib/data': { folders: ['lib/content', 'lib/background', 'lib/store', 'components'] },
  'lib/dom': {
    folders: [
      'lib/access',
      'lib/background',
      'lib/content',
      'lib/data',
      'lib/messaging',
      'lib/settings',
      'lib/store',
      'lib/ui',
      'components',
    ],
    types: true,
  },
  'lib/messaging': { folders: ['lib/store', 'lib/content', 'lib/background', 'components'] },
  'lib/settings': { folders: ['lib/store', 'components'] },
  'lib/store': { folders: ['lib/content', 'lib/dom', 'components'] },
  'lib/ui': { folders: ['lib/store', 'lib/background', 'lib/content'] },
  'lib/url': { folders: ['lib', 'components'], types: true },
};

describe('architecture', () => {
  it('reads every source file and finds imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(imports.length).toBeGreaterThan(200);
  });

  it('lib/match, the pure engine, imports nothing outside itself', () => {
    expect(violations((i) => inside(i.from, 'lib/match') && !inside(i.to, 'lib/match'))).toEqual([]);
  });

  it('only the background opens the IndexedDB store (lib/store)', () => {
    const background = (p: string) =>
      inside(p, 'lib/store') || inside(p, 'lib/background') || inside(p, 'entrypoints/background');
    expect(
      violations(
        (i) => inside(i.to, 'lib/store') && !i.typeOnly && !background(i.from) && !inside(i.from, 'scripts'),
      ),
    ).toEqual([]);
  });

  it('components import only types from lib/store and lib/background', () => {
    expect(
      violations(
        (i) =>
          inside(i.from, 'components') &&
          !i.typeOnly &&
          (inside(i.to, 'lib/store') || inside(i.to, 'lib/background')),
      ),
    ).toEqual([]);
  });

  for (const [folder, rule] of Object.entries(FORBIDDEN)) {
    it(`${folder} imports none of ${rule.folders.join(', ')} (its README)`, () => {
      const bad = (i: Import) =>
        inside(i.from, folder) &&
        !inside(i.to, folder) &&
        (rule.types === true || !i.typeOnly) &&
        rule.folders.some((f) => inside(i.to, f));
      expect(violations(bad)).toEqual([]);
    });
  }

  it('has no import cycle', () => {
    const graph = new Map<string, string[]>();
    for (const i of imports) if (i.to.includes('/')) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    expect(findCycles(graph)).toEqual([]);
  });
});

describe('size', () => {
  it('no function in lib/, components/, entrypoints/ or scripts/ is over 80 lines', () => {
    const long = files.flatMap((f) => longFunctions(f, 80));
    expect(long).toEqual([]);
  });

  it('no file in lib/ is over 400 lines', () => {
    const big = files
      .filter((f) => relative(root, f).startsWith('lib/'))
      .map((f) => [relative(root, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 400);
    expect(big).toEqual([]);
  });
});

describe('folders', () => {
  it('each lib/ folder opens with a README saying what it is for and what it may not import', () => {
    for (const folder of readdirSync(join(root, 'lib'))) {
      // A new folder states its rule here too (lib/match has its own test above).
      if (folder !== 'match') expect(Object.keys(FORBIDDEN), folder).toContain(`lib/${folder}`);
      const readme = readFileSync(join(root, 'lib', folder, 'README.md'), 'utf8');
      expect(readme, folder).toMatch(/^# lib\/[a-z]+\n\n\S.*\n.*may not import/im);
    }
  });
});

/** Functions (declarations, methods, arrows, function expressions) longer than `max` lines. */
function longFunctions(file: string, max: number): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > max)
        out.push(`${relative(root, file)}:${first + 1} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every cycle found by a depth-first search, each as "a → b → a". */
function findCycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
