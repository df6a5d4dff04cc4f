/** The local servers alone (no browser): what they serve, what they refuse, what they record. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboundSink, startSite, type OutboundSink, type SiteServer } from './support/server';

/** A raw request, so paths such as /shared/../x reach the server unnormalised. */
function request(
  port: number,
  options: { method?: string; path: string; host?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: options.host ?? '127.0.0.1' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('local servers', () => {
  let site: SiteServer;
  let sink: OutboundSink;
  let port: number;

  beforeAll(async () => {
    site = await startSite();
    sink = await startOutboundSink();
    port = Number(new URL(site.origin).port);
  });
  afterAll(async () => {
    await Promise.allSettled([site.close(), sink.close()]);
  });

  it('serves the fixtures and the shared corpus, and records each request', async () => {
    const hello = await request(port, { path: '/pages/hello.html' });
    expect(hello.status).toBe(200);
    expect(hello.body).toContain('<title>Hello from the e2e site</title>');

    const manifest = await request(port, { path: '/shared/corpus/news/MANIFEST.json' });
    expect(manifest.status).toBe(200);
    expect(JSON.parse(manifest.body)).toHaveProperty('pages');

    expect(site.requests.map((r) => [r.path, r.status])).toEqual([
      ['/pages/hello.html', 200],
      ['/shared/corpus/news/MANIFEST.json', 200],
    ]);
  });

  it('refuses writes, escapes from its folders and unknown paths', async () => {
    expect((await request(port, { method: 'POST', path: '/pages/hello.html' })).status).toBe(405);
    expect((await request(port, { path: '/shared/../main/package.json' })).status).toBe(404);
    expect((await request(port, { path: '/pages/%2e%2e/harness.ts' })).status).toBe(404);
    expect((await request(port, { path: '/package.json' })).status).toBe(404);
    expect((await request(port, { path: '/pages/' })).status).toBe(404);
  });

  it('the sink records and refuses every proxied request', async () => {
    const proxied = await request(sink.port, {
      path: 'http://tracker.example/pixel.png',
      host: 'tracker.example',
    });
    expect(proxied.status).toBe(403);
    expect(sink.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        host: 'tracker.example',
        target: 'http://tracker.example/pixel.png',
      }),
    ]);
  });
});
