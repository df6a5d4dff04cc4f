import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { formatIssues, validateBundle } from './lib/data/validate';
import { SUGGESTED_SHORTCUTS } from './lib/ui/shortcuts';

// The gecko id is also the key the e2e suite uses to pin the moz-extension:// UUID.
export const GECKO_ID = 'undersigned@undersigned.dev';

export default defineConfig({
  // Explicit imports everywhere: a reader sees where every name comes from.
  imports: false,
  // Keeps the top level to what the project layout promises (assets/ holds static files too).
  publicDir: 'assets/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  // MV3 for Firefox too: one manifest shape, one permission model (activeTab + optional host
  // permissions) and one background lifecycle (event page / service worker) for both browsers.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings and per-tab reports; scripting: injecting the card script on first use;
    // contextMenus: "Check “%s” in the letter's signatories" on selected text;
    // alarms: the daily data-update check, only while the user has turned updates on.
    // activeTab: "Scan this page" in the popup, the shortcuts and the context menu reach the tab
    // the user acted on, with no host permission at all.
    permissions: ['storage', 'scripting', 'contextMenus', 'alarms', 'activeTab'],
    // Site access is the user's choice, made on the welcome page, in the popup ("Always run on
    // this site") or in the options: nothing is asked for at install.
    optional_host_permissions: ['*://*/*'],
    action: { default_title: '__MSG_extName__' },
    // Keys both browsers assign (Chromium refused Alt+Shift+N and Alt+Shift+P): lib/ui/shortcuts.ts.
    commands: {
      'next-mention': {
        suggested_key: { default: SUGGESTED_SHORTCUTS['next-mention'] },
        description: '__MSG_commandNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: SUGGESTED_SHORTCUTS['previous-mention'] },
        description: '__MSG_commandPreviousMention__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // Nothing about the pages a user reads ever leaves the browser.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: ['.output/**', 'test-results/**', 'bench-results/**', 'coverage/**'],
  },
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // WXT lists a runtime-registered content script's matches as required host permissions; ours
    // are optional (see optional_host_permissions above), so the install prompt asks for none.
    'build:manifestGenerated': (_wxt, manifest) => {
      delete manifest.host_permissions;
      if (manifest.content_scripts?.length === 0) delete manifest.content_scripts;
    },
    // The bundled data is validated on every build too: a hand-edited bundle.json cannot ship.
    'build:before': () => {
      const result = validateBundle(JSON.parse(readFileSync('assets/data/bundle.json', 'utf8')));
      if (!result.ok) throw new Error(`assets/data/bundle.json is invalid:\n${formatIssues(result.issues)}`);
    },
  },
});
