/** Shared set-up for the store tests: a fresh IndexedDB per test, a copy of the bundle, a log. */
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import committed from '../../../assets/data/bundle.json';
import type { DataBundle } from '../../../lib/data/model';
import type { StoreLog } from '../../../lib/store/db';

export const bundled = committed as DataBundle;

/** A deep copy to change; the committed bundle stays untouched. */
export function bundleCopy(changes: Partial<DataBundle> = {}): DataBundle {
  return { ...structuredClone(bundled), ...changes };
}

export function freshEnvironment(): void {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
}

export interface CapturedLog extends StoreLog {
  lines: string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
  };
}

export const visit = (url: string, people: string[], title = `Page ${url}`, topics: string[] = []) => ({
  url,
  title,
  people: people.map((id) => ({ id, mentions: 1 })),
  topics: topics.map((id) => ({ id, mentions: 1 })),
});
