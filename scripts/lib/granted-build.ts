/**
 * A copy of the Chromium build whose manifest also lists every http(s) site (GRANTED_HOSTS) as a
 * required host permission.
 *
 * Undersigned asks for site access at run time (permissions.request from the welcome page, the
 * popup or the options). Chromium shows that prompt in browser UI that no automation can answer
 * (no CDP or puppeteer hook exists), so the e2e suite, the demo and the bench load this copy:
 * the same code, with the access the user would have granted. Firefox needs no copy: its
 * `extensions.webextOptionalPermissionPrompts` pref answers the real prompt in the e2e suite.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GRANTED_HOSTS = ['*://*/*'];

/** Copies `buildDir` to a fresh temporary folder with the host access granted; returns its path. */
export function chromiumBuildWithHostAccess(buildDir: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'undersigned-granted-'));
  cpSync(buildDir, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.host_permissions = GRANTED_HOSTS;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
