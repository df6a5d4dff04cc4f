/**
 * Data updates: a downloaded file is installed only if it is JSON, passes the same schema as the
 * bundled data (so no markup in names), is not too large, and is newer than what is installed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATA_FORMAT } from '../../../lib/data/schema';
import type { StoreDB } from '../../../lib/store/db';
import { historyForEntity, recordVisit } from '../../../lib/store/history';
import { getEntity } from '../../../lib/store/search';
import { readMeta } from '../../../lib/store/seed';
import { setSettings } from '../../../lib/settings/settings';
import { openStore } from '../../../lib/store/store';
import {
  evaluateDownload,
  fetchDataUpdate,
  getUpdateState,
  MAX_UPDATE_BYTES,
  runDataUpdate,
  type FetchLike,
} from '../../../lib/store/update';
import { bundleCopy, bundled, captureLog, freshEnvironment, visit } from './helpers';

const INSTALLED = bundled.version; // 2026.12.07
const URL_ = 'https://data.example/undersigned/bundle.json';

function file(text: string, headers: Record<string, string> = {}) {
  return { text, byteSize: new TextEncoder().encode(text).byteLength, headers };
}
const newerJson = (version = '2026.12.8') => JSON.stringify(bundleCopy({ version }));

describe('evaluateDownload', () => {
  it('accepts a valid, newer data set', () => {
    const verdict = evaluateDownload(file(newerJson()), INSTALLED);
    expect(verdict.accept).toBe(true);
    if (verdict.accept) expect(verdict.bundle.version).toBe('2026.12.8');
  });

  it('rejects a file that is not JSON (a captive portal page, a truncated download)', () => {
    expect(evaluateDownload(file('<!doctype html><p>Sign in to Wi-Fi</p>'), INSTALLED)).toMatchObject({
      accept: false,
      reason: 'invalid-json',
    });
    expect(evaluateDownload(file(newerJson().slice(0, 5000)), INSTALLED)).toMatchObject({
      reason: 'invalid-json',
    });
  });

  it('rejects JSON of the wrong shape, saying where', () => {
    const noEntities = bundleCopy({ version: '2026.12.8' }) as unknown as Record<string, unknown>;
    delete noEntities.entities;
    const verdict = evaluateDownload(file(JSON.stringify(noEntities)), INSTALLED);
    expect(verdict).toMatchObject({ accept: false, reason: 'wrong-schema' });
    if (!verdict.accept) expect(verdict.detail).toContain('entities');
    // Another format: a future one, or the format-1 files of before dataset 2026.12.07.
    for (const format of [DATA_FORMAT + 1, 1]) {
      expect(
        evaluateDownload(
          file(JSON.stringify({ ...bundleCopy({ version: '2026.12.8' }), format })),
          INSTALLED,
        ),
        String(format),
      ).toMatchObject({ reason: 'wrong-schema' });
    }
    expect(evaluateDownload(file('[1,2,3]'), INSTALLED)).toMatchObject({ reason: 'wrong-schema' });
  });

  it('rejects a name record with HTML or script in it', () => {
    const poisoned = bundleCopy({ version: '2026.12.8' });
    const person = poisoned.entities.find((e) => e.id === 'cate-blanchett');
    if (!person) throw new Error('fixture');
    person.name = 'Cate Blanchett<script>alert(document.cookie)</script>';
    const verdict = evaluateDownload(file(JSON.stringify(poisoned)), INSTALLED);
    expect(verdict).toMatchObject({ accept: false, reason: 'wrong-schema' });
    if (!verdict.accept) expect(verdict.detail).toMatch(/entities\.\d+\.name: text must not contain markup/);

    const alias = bundleCopy({ version: '2026.12.8' });
    alias.entities[0]?.aliases.push('<img src=x onerror=alert(1)>');
    expect(evaluateDownload(file(JSON.stringify(alias)), INSTALLED)).toMatchObject({
      reason: 'wrong-schema',
    });
  });

  it('rejects a data set that carries the research’s maintainer notes anywhere', () => {
    const leaky = bundleCopy({ version: '2026.12.8' });
    Object.assign(leaky.entities[0]!, { researchNote: 'Single outlet; confirm before showing signed.' });
    const verdict = evaluateDownload(file(JSON.stringify(leaky)), INSTALLED);
    expect(verdict).toMatchObject({ accept: false, reason: 'wrong-schema' });
    if (!verdict.accept) expect(verdict.detail).toContain('researchNote');
  });

  it('rejects a file over the size cap, by its size or by its declared length', () => {
    const big = JSON.stringify({
      ...bundleCopy({ version: '2026.12.8' }),
      method: 'x'.repeat(MAX_UPDATE_BYTES),
    });
    expect(evaluateDownload(file(big), INSTALLED)).toMatchObject({ accept: false, reason: 'too-large' });
    expect(
      evaluateDownload(file(newerJson(), { 'Content-Length': String(MAX_UPDATE_BYTES + 1) }), INSTALLED),
    ).toMatchObject({ reason: 'too-large' });
  });

  it('rejects an older or the same version', () => {
    expect(evaluateDownload(file(newerJson('2026.12.1')), INSTALLED)).toMatchObject({
      accept: false,
      reason: 'not-newer',
    });
    expect(evaluateDownload(file(newerJson(INSTALLED)), INSTALLED)).toMatchObject({ reason: 'not-newer' });
    // Compared as numbers, not strings: 2026.11.23 is newer than 2026.9.30.
    expect(evaluateDownload(file(newerJson('2026.11.23.1')), '2026.11.23').accept).toBe(true);
    expect(evaluateDownload(file(newerJson('2026.11.23')), '2026.9.30').accept).toBe(true);
  });
});

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(respond: (init: RequestInit | undefined) => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond(init);
  };
  return { fetch, calls };
}
const ifNoneMatch = (init: RequestInit | undefined) =>
  (init?.headers as Record<string, string> | undefined)?.['If-None-Match'];

describe('fetchDataUpdate', () => {
  it('sends the saved ETag and treats 304 as nothing new', async () => {
    const { fetch, calls } = scriptedFetch((init) =>
      ifNoneMatch(init) === '"v1"'
        ? new Response(null, { status: 304 })
        : new Response(newerJson(), { headers: { ETag: '"v2"' } }),
    );
    expect(await fetchDataUpdate({ fetch, url: URL_, etag: '"v1"', installedVersion: INSTALLED })).toEqual({
      status: 'not-modified',
    });
    const fresh = await fetchDataUpdate({ fetch, url: URL_, etag: null, installedVersion: INSTALLED });
    expect(fresh).toMatchObject({ status: 'updated', etag: '"v2"', bundle: { version: '2026.12.8' } });
    expect(calls.map((c) => ifNoneMatch(c.init))).toEqual(['"v1"', undefined]);
    expect(calls[0]?.init).toMatchObject({ cache: 'no-cache', credentials: 'omit' });
  });

  it('stops reading a body that grows past the cap even without a Content-Length', async () => {
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        if (sent > 10 * MAX_UPDATE_BYTES) controller.close();
      },
    });
    const { fetch } = scriptedFetch(() => new Response(stream));
    expect(
      await fetchDataUpdate({ fetch, url: URL_, etag: null, installedVersion: INSTALLED }),
    ).toMatchObject({
      status: 'rejected',
      reason: 'too-large',
    });
    expect(sent).toBeLessThan(2 * MAX_UPDATE_BYTES);
  });

  it('reports HTTP errors, network errors, non-UTF-8 bodies and non-https URLs without throwing', async () => {
    const notFound = scriptedFetch(() => new Response('nope', { status: 404 }));
    expect(
      await fetchDataUpdate({ fetch: notFound.fetch, url: URL_, etag: null, installedVersion: INSTALLED }),
    ).toEqual({
      status: 'failed',
      detail: 'HTTP 404',
    });
    const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(
      await fetchDataUpdate({ fetch: offline, url: URL_, etag: null, installedVersion: INSTALLED }),
    ).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('Failed to fetch'),
    });
    const latin1 = scriptedFetch(() => new Response(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
    expect(
      await fetchDataUpdate({ fetch: latin1.fetch, url: URL_, etag: null, installedVersion: INSTALLED }),
    ).toMatchObject({
      status: 'rejected',
      reason: 'invalid-json',
    });
    const never = vi.fn<FetchLike>();
    expect(
      await fetchDataUpdate({
        fetch: never,
        url: 'http://data.example/b.json',
        etag: null,
        installedVersion: INSTALLED,
      }),
    ).toMatchObject({
      status: 'failed',
    });
    expect(never).not.toHaveBeenCalled();
  });
});

describe('runDataUpdate', () => {
  let db: StoreDB;
  beforeEach(async () => {
    freshEnvironment();
    db = await openStore({ loadBundled: () => bundled, log: captureLog() });
  });
  afterEach(() => db.close());

  it('does nothing, and touches no network, while updates are off (the default)', async () => {
    const fetch = vi.fn<FetchLike>();
    expect(await runDataUpdate({ db, fetch })).toEqual({ status: 'disabled' });
    await setSettings({ dataUpdates: true }); // …and still no URL
    expect(await runDataUpdate({ db, fetch })).toEqual({ status: 'disabled' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('installs a newer data set, keeps history, records the result and reuses the ETag', async () => {
    await recordVisit(db, visit('https://news.example/a', ['alfonso-cuaron']));
    await setSettings({ dataUpdates: true, dataUpdateUrl: URL_ });
    const updated = bundleCopy({ version: '2026.12.8' });
    const cuaron = updated.entities.find((e) => e.id === 'alfonso-cuaron');
    if (!cuaron) throw new Error('fixture');
    cuaron.note = 'Updated note';
    const { fetch, calls } = scriptedFetch((init) =>
      ifNoneMatch(init) === '"e1"'
        ? new Response(null, { status: 304 })
        : new Response(JSON.stringify(updated), { headers: { ETag: '"e1"' } }),
    );
    const log = captureLog();

    expect(await runDataUpdate({ db, fetch, now: 500, log })).toEqual({
      status: 'updated',
      version: '2026.12.8',
    });
    expect(await readMeta(db)).toMatchObject({ version: '2026.12.8', source: 'update', sourceUrl: URL_ });
    expect((await getEntity(db, 'alfonso-cuaron'))?.note).toBe('Updated note');
    expect(await historyForEntity(db, 'alfonso-cuaron')).toHaveLength(1);
    expect(log.lines).toEqual([expect.stringContaining('installed data update 2026.12.8')]);
    expect(await getUpdateState()).toEqual({
      lastCheck: 500,
      lastResult: { status: 'updated', version: '2026.12.8' },
      etag: '"e1"',
      etagFor: { url: URL_, version: '2026.12.8' },
    });

    expect(await runDataUpdate({ db, fetch, now: 600 })).toEqual({ status: 'not-modified' });
    expect(calls.map((c) => ifNoneMatch(c.init))).toEqual([undefined, '"e1"']);
    expect((await getUpdateState()).lastCheck).toBe(600);
  });

  it('keeps the installed data when the download is rejected, and says why', async () => {
    await setSettings({ dataUpdates: true, dataUpdateUrl: URL_ });
    const poisoned = bundleCopy({ version: '2026.12.8' });
    poisoned.entities[0]!.name = '<b>Paul</b>';
    const { fetch } = scriptedFetch(
      () => new Response(JSON.stringify(poisoned), { headers: { ETag: '"bad"' } }),
    );
    const log = captureLog();
    const result = await runDataUpdate({ db, fetch, log });
    expect(result).toMatchObject({ status: 'rejected', reason: 'wrong-schema' });
    expect(await readMeta(db)).toMatchObject({ version: INSTALLED, source: 'bundled' });
    expect((await getEntity(db, 'paul-mccartney'))?.name).toBe('Paul McCartney');
    expect(log.lines[0]).toMatch(/^warn: .*rejected data update .*wrong-schema/);
    expect(await getUpdateState()).toMatchObject({
      lastResult: result,
      etag: '"bad"',
      etagFor: { url: URL_, version: INSTALLED },
    });
  });
});
