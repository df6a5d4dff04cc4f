/** Bundles page-entry.ts (engine + real data + synthetic dictionaries) into one IIFE string. */
import { build } from 'esbuild';
import path from 'node:path';

export async function bundlePageEntry(repoRoot: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'scripts/bench/page-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    // Readable names in CPU profiles; minifying would not change the engine's speed.
    minify: false,
    keepNames: false,
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for page-entry.ts');
  return `${file.text}\n//# sourceURL=undersigned-bench-page.js\n`;
}
