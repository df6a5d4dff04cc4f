/**
 * Serves the news corpus (and the joined "mega" page) from 127.0.0.1 on an ephemeral port.
 * Pages are sent cross-origin isolated (COOP + COEP) so performance.now() has its fine
 * resolution; every sub-resource is external and blocked by the driver anyway.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const MEGA_PAGE = 'mega.html';
/** The page the harness lives in; corpus pages replace its document (see loadPage). */
export const HARNESS_PAGE = 'harness.html';
const HARNESS_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>';

export interface Corpus {
  dir: string;
  /** Page file names, sorted; the mega page is not included. */
  pages: string[];
  /** The joined document, built once. */
  mega: string;
}

/** The last <body …> opening tag: some pages put a first one inside an IE conditional comment. */
function bodyOf(html: string): string {
  const opening = [...html.matchAll(/<body\b[^>]*>/gi)].pop();
  const start = opening ? opening.index + opening[0].length : 0;
  const end = html.toLowerCase().lastIndexOf('</body>');
  return html.slice(start, end > start ? end : html.length);
}

export function loadCorpus(dir: string): Corpus {
  const pages = readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .sort();
  if (!pages.length) throw new Error(`no .html pages in ${dir}`);
  const sections = pages.map(
    (file) =>
      `<section data-bench-page="${file}">\n${bodyOf(readFileSync(path.join(dir, file), 'utf8'))}\n</section>`,
  );
  const mega = `<!doctype html>\n<html><head><meta charset="utf-8"><title>All ${pages.length} corpus pages joined</title></head>\n<body>\n${sections.join('\n')}\n</body></html>\n`;
  return { dir, pages, mega };
}

export interface CorpusServer {
  origin: string;
  urlOf(page: string): string;
  close(): Promise<void>;
}

export async function serveCorpus(corpus: Corpus): Promise<CorpusServer> {
  const allowed = new Set(corpus.pages);
  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent(
      new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/pages\//, ''),
    );
    let body: Buffer | string | undefined;
    if (name === MEGA_PAGE) body = corpus.mega;
    else if (name === HARNESS_PAGE) body = HARNESS_HTML;
    else if (allowed.has(name)) body = readFileSync(path.join(corpus.dir, name));
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      // The stored pages are all UTF-8 (qq.html still claims gb2312 in a <meta>).
      'content-type': 'text/html; charset=utf-8',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    urlOf: (page) => `${origin}/pages/${encodeURIComponent(page)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
