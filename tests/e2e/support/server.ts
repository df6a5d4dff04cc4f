/**
 * Two local servers on 127.0.0.1 with ephemeral ports, no dependency beyond node:http:
 *
 * - the site: serves tests/e2e/pages at /pages/… and, read-only, the shared research folder at
 *   /shared/… (corpus pages at /shared/corpus/news/…, the seed at /shared/seeds/…), and the
 *   golden fixture pages at /fixtures/… (tests/fixtures/pages, e.g. the seed article as a page);
 * - the outbound sink: the browsers use it as their HTTP and HTTPS proxy, so any request to a host
 *   other than 127.0.0.1 lands here, from any context (pages, extension pages, the background, the
 *   browser itself). It is recorded and refused; nothing is forwarded.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { fixturesRoot, pagesRoot, sharedRoot } from './paths';

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface OutboundRequest {
  /** `CONNECT host:port` for HTTPS and WebSockets over TLS, else the absolute URL. */
  method: string;
  target: string;
  host: string;
  at: number;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
};

const mounts: { prefix: string; root: string }[] = [
  { prefix: '/pages/', root: pagesRoot },
  { prefix: '/shared/', root: sharedRoot },
  { prefix: '/fixtures/', root: fixturesRoot },
];

/** Maps a URL path to a file inside one of the mounts, or null (also for `..` escapes). */
function resolveFile(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  for (const { prefix, root } of mounts) {
    if (!decoded.startsWith(prefix)) continue;
    const file = path.resolve(root, '.' + decoded.slice(prefix.length - 1));
    return file.startsWith(root + path.sep) ? file : null;
  }
  return null;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface SiteServer {
  origin: string;
  /** Absolute URL on the site for a path such as `/pages/hello.html`. */
  url(pathname: string): string;
  /** Every request the site received, in order. */
  readonly requests: readonly ServedRequest[];
  close(): Promise<void>;
}

export async function startSite(): Promise<SiteServer> {
  const requests: ServedRequest[] = [];
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const respond = (status: number, headers: http.OutgoingHttpHeaders = {}) => {
      requests.push({ method: req.method ?? '', path: pathname, status, at: Date.now() });
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      respond(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    // Browsers ask for it on every page; a 404 would show up as a console error.
    if (pathname === '/favicon.ico') {
      respond(204);
      res.end();
      return;
    }
    const file = resolveFile(pathname);
    const notFound = () => {
      respond(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    };
    if (!file) return notFound();
    stat(file).then(
      (info) => {
        if (!info.isFile()) return notFound();
        respond(200, {
          'content-type': contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-length': info.size,
        });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      },
      () => notFound(),
    );
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (pathname) => new URL(pathname, origin).href,
    requests,
    close: () => close(server),
  };
}

export interface OutboundSink {
  /** `127.0.0.1:port`, for the browsers' proxy settings. */
  host: string;
  port: number;
  readonly requests: readonly OutboundRequest[];
  close(): Promise<void>;
}

export async function startOutboundSink(): Promise<OutboundSink> {
  const requests: OutboundRequest[] = [];
  const server = http.createServer((req, res) => {
    const target = req.url ?? '';
    let host = req.headers.host ?? '';
    try {
      host = new URL(target).hostname;
    } catch {
      // A relative target means someone spoke to the sink directly; keep the Host header.
    }
    requests.push({ method: req.method ?? '', target, host, at: Date.now() });
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end('blocked by the e2e outbound sink');
  });
  server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
    const target = req.url ?? '';
    requests.push({ method: 'CONNECT', target, host: target.replace(/:\d+$/, ''), at: Date.now() });
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
  });
  const port = await listen(server);
  return { host: `127.0.0.1:${port}`, port, requests, close: () => close(server) };
}
