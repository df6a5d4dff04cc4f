/**
 * In-memory permissions and content-script registration for WXT's fake browser, which leaves both
 * unimplemented. Installed for every unit test (vitest.config.ts setupFiles) and reset before each.
 * `fakeAccess.grantOnRequest` decides how the "user" answers a permissions.request prompt.
 */
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Listener = (permissions: { origins: string[]; permissions: string[] }) => void;

function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    hasListener: (listener: Listener) => listeners.has(listener),
    fire: (origins: string[]) => {
      for (const listener of listeners) listener({ origins, permissions: [] });
    },
    clear: () => listeners.clear(),
  };
}

interface Registered {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: string;
  persistAcrossSessions?: boolean;
}

export const fakeAccess = {
  origins: new Set<string>(),
  grantOnRequest: true,
  /** Every permissions.request call's origins, in order. */
  requests: [] as string[][],
  registered: new Map<string, Registered>(),
  onAdded: event(),
  onRemoved: event(),
  reset() {
    this.origins.clear();
    this.grantOnRequest = true;
    this.requests = [];
    this.registered.clear();
    this.onAdded.clear();
    this.onRemoved.clear();
  },
};

const covers = (granted: string, wanted: string) =>
  granted === wanted || granted === '*://*/*' || granted === '<all_urls>';

const permissions = {
  getAll: async () => ({ origins: [...fakeAccess.origins], permissions: [] }),
  contains: async ({ origins = [] }: { origins?: string[] }) =>
    origins.every((o) => [...fakeAccess.origins].some((g) => covers(g, o))),
  request: async ({ origins = [] }: { origins?: string[] }) => {
    fakeAccess.requests.push(origins);
    if (!fakeAccess.grantOnRequest) return false;
    const added = origins.filter((o) => !fakeAccess.origins.has(o));
    for (const o of added) fakeAccess.origins.add(o);
    if (added.length > 0) fakeAccess.onAdded.fire(added);
    return true;
  },
  remove: async ({ origins = [] }: { origins?: string[] }) => {
    const removed = origins.filter((o) => fakeAccess.origins.delete(o));
    if (removed.length > 0) fakeAccess.onRemoved.fire(removed);
    return removed.length > 0;
  },
  onAdded: fakeAccess.onAdded,
  onRemoved: fakeAccess.onRemoved,
};

const scripting = {
  getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
    [...fakeAccess.registered.values()]
      .filter((s) => !filter?.ids || filter.ids.includes(s.id))
      .map((s) => ({ ...s })),
  registerContentScripts: async (scripts: Registered[]) => {
    for (const s of scripts) {
      if (fakeAccess.registered.has(s.id)) throw new Error(`Duplicate script id "${s.id}"`);
      fakeAccess.registered.set(s.id, { ...s });
    }
  },
  updateContentScripts: async (scripts: Registered[]) => {
    for (const s of scripts) {
      const current = fakeAccess.registered.get(s.id);
      if (!current) throw new Error(`No script with id "${s.id}"`);
      fakeAccess.registered.set(s.id, { ...current, ...s });
    }
  },
  unregisterContentScripts: async (filter?: { ids?: string[] }) => {
    for (const id of filter?.ids ?? [...fakeAccess.registered.keys()]) fakeAccess.registered.delete(id);
  },
};

const target = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
Object.assign(target.permissions ?? (target.permissions = {}), permissions);
Object.assign(target.scripting ?? (target.scripting = {}), scripting);

beforeEach(() => fakeAccess.reset());
