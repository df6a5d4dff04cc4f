/**
 * Data updates (off by default): fetch a newer data set from the URL in the settings, judge it,
 * and install it only if it passes the very schema the bundled data passes and is newer.
 *
 * Split so that each part is testable without a network:
 *   evaluateDownload  pure: a downloaded file + the installed version → accept or reject, with why;
 *   fetchDataUpdate   the HTTP part (ETag, size cap) around an injected `fetch`;
 *   runDataUpdate     reads the settings and state, calls the two above, installs, records the result.
 *
 * Wiring left to the background/options owners: schedule `runDataUpdate` with
 * `browser.alarms.create('data-update', { periodInMinutes: 24 * 60 })` (needs the "alarms"
 * permission) and an `alarms.onAlarm` listener registered at the top level of the background;
 * show `updateStateItem` (lib/messaging/storage.ts) in the options page (it is in storage.local, so `storage.onChanged`
 * updates the page live); the `checkDataUpdate` message runs one check on demand.
 */
import type { DataBundle } from '../data/model';
import { formatIssues, validateBundle } from '../data/validate';
import { LOG_PREFIX, type StoreDB, type StoreLog } from './db';
import { readMeta, seedData } from './seed';
import { updateStateItem, type UpdateState } from '../messaging/storage';
import type { RejectReason, UpdateResult } from '../messaging/to-background';
import { getSettings, isAllowedUpdateUrl } from '../settings/settings';
import { compareDataVersions } from './version';

/**
 * The largest data file accepted: 2 MiB. The bundle is ~190 kB for 68 entities, so this leaves
 * room for ten times the data (thousands of names), while bounding what a broken or hostile
 * server can make the background download, hold in memory and parse.
 */
export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;

export type UpdateVerdict =
  { accept: true; bundle: DataBundle } | { accept: false; reason: RejectReason; detail: string };

export interface DownloadedFile {
  text: string;
  /** The body's size in bytes as received. */
  byteSize: number;
  headers: Headers | Readonly<Record<string, string>>;
}

function header(headers: DownloadedFile['headers'], name: string): string | null {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry ? entry[1] : null;
}

const reject = (reason: RejectReason, detail: string): UpdateVerdict => ({ accept: false, reason, detail });

/** Judges a downloaded data file against the installed data version. Pure. */
export function evaluateDownload(file: DownloadedFile, installedVersion: string): UpdateVerdict {
  const declared = Number(header(file.headers, 'content-length'));
  const size = Math.max(file.byteSize, Number.isFinite(declared) ? declared : 0, file.text.length);
  if (size > MAX_UPDATE_BYTES) {
    return reject('too-large', `${size} bytes is more than the ${MAX_UPDATE_BYTES}-byte limit`);
  }
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (error) {
    return reject('invalid-json', error instanceof Error ? error.message : 'not JSON');
  }
  const result = validateBundle(json);
  if (!result.ok) {
    const shown = result.issues.slice(0, 5);
    const more =
      result.issues.length > shown.length ? `\n(and ${result.issues.length - shown.length} more)` : '';
    return reject('wrong-schema', formatIssues(shown) + more);
  }
  const version = result.bundle.version;
  if (compareDataVersions(version, installedVersion) <= 0) {
    return reject('not-newer', `version ${version} is not newer than the installed ${installedVersion}`);
  }
  return { accept: true, bundle: result.bundle };
}

export type FetchOutcome =
  | { status: 'updated'; bundle: DataBundle; etag: string | null }
  | { status: 'not-modified' }
  | { status: 'rejected'; reason: RejectReason; detail: string; etag: string | null }
  | { status: 'failed'; detail: string };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Reads a body but stops as soon as it passes `cap` bytes (a server may lie about its length). */
async function readCapped(
  response: Response,
  cap: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, truncated: bytes.byteLength > cap };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return { bytes: new Uint8Array(0), truncated: true };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated: false };
}

/**
 * One conditional GET of the data file. `etag` is the one saved from the last 200 response for
 * the same installed version, so an unchanged file costs a 304 and no download.
 */
export async function fetchDataUpdate(options: {
  fetch: FetchLike;
  url: string;
  etag: string | null;
  installedVersion: string;
  timeoutMs?: number;
}): Promise<FetchOutcome> {
  if (!isAllowedUpdateUrl(options.url)) return { status: 'failed', detail: 'the update URL must be https' };
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      headers: options.etag ? { 'If-None-Match': options.etag } : {},
      // The browser's HTTP cache must not answer for the server: revalidate every time.
      cache: 'no-cache',
      credentials: 'omit',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    return {
      status: 'failed',
      detail: `network error: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (response.status === 304) return { status: 'not-modified' };
  if (!response.ok) return { status: 'failed', detail: `HTTP ${response.status}` };
  const etag = response.headers.get('etag');

  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_UPDATE_BYTES) {
    await response.body?.cancel();
    return { status: 'rejected', reason: 'too-large', detail: `declared ${declared} bytes`, etag };
  }
  let bytes: Uint8Array;
  try {
    const read = await readCapped(response, MAX_UPDATE_BYTES);
    if (read.truncated) {
      return { status: 'rejected', reason: 'too-large', detail: `more than ${MAX_UPDATE_BYTES} bytes`, etag };
    }
    bytes = read.bytes;
  } catch (error) {
    return {
      status: 'failed',
      detail: `download interrupted: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { status: 'rejected', reason: 'invalid-json', detail: 'the file is not UTF-8 text', etag };
  }
  const verdict = evaluateDownload(
    { text, byteSize: bytes.byteLength, headers: response.headers },
    options.installedVersion,
  );
  return verdict.accept
    ? { status: 'updated', bundle: verdict.bundle, etag }
    : { status: 'rejected', reason: verdict.reason, detail: verdict.detail, etag };
}

export function getUpdateState(): Promise<UpdateState> {
  return updateStateItem.get();
}

function saveUpdateState(state: UpdateState): Promise<void> {
  return updateStateItem.set(state);
}

/** One update check as the settings ask for it; installs an accepted data set and records the result. */
export async function runDataUpdate(options: {
  db: StoreDB;
  fetch: FetchLike;
  now?: number;
  log?: StoreLog;
}): Promise<UpdateResult> {
  const settings = await getSettings();
  if (!settings.dataUpdates || settings.dataUpdateUrl === '') return { status: 'disabled' };
  const log = options.log ?? console;
  const now = options.now ?? Date.now();
  const url = settings.dataUpdateUrl;
  const state = await getUpdateState();
  const installed = (await readMeta(options.db))?.version ?? '0.0.0';
  const etagValid = state.etagFor?.url === url && state.etagFor.version === installed;

  const outcome = await fetchDataUpdate({
    fetch: options.fetch,
    url,
    etag: etagValid ? state.etag : null,
    installedVersion: installed,
  });

  let result: UpdateResult;
  let next: UpdateState = { ...state, lastCheck: now };
  switch (outcome.status) {
    case 'updated':
      try {
        await seedData(options.db, outcome.bundle, { source: 'update', sourceUrl: url }, now);
      } catch (error) {
        // The seeding's transaction rolled back: the previous data set is still installed.
        result = {
          status: 'failed',
          detail: `could not install ${outcome.bundle.version}: ${String(error)}`,
        };
        break;
      }
      log.info(`${LOG_PREFIX} installed data update ${outcome.bundle.version} from ${url}`);
      result = { status: 'updated', version: outcome.bundle.version };
      next = {
        ...next,
        etag: outcome.etag,
        etagFor: outcome.etag ? { url, version: outcome.bundle.version } : null,
      };
      break;
    case 'rejected':
      log.warn(`${LOG_PREFIX} rejected data update from ${url}: ${outcome.reason}: ${outcome.detail}`);
      result = { status: 'rejected', reason: outcome.reason, detail: outcome.detail };
      // The same file would be rejected again: remember its ETag so it is not downloaded again.
      next = { ...next, etag: outcome.etag, etagFor: outcome.etag ? { url, version: installed } : null };
      break;
    case 'not-modified':
      result = { status: 'not-modified' };
      break;
    case 'failed':
      result = { status: 'failed', detail: outcome.detail };
      break;
  }
  await saveUpdateState({ ...next, lastResult: result });
  return result;
}
