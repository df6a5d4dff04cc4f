/**
 * Renders the cards with the real data and the real CSS into test-results/card-preview.html,
 * light and dark side by side, for a screenshot (tests/unit/card/preview.ts takes it). The
 * assertions only check that the page is complete; the looking is done on the screenshot.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JSX } from 'preact';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, expect, it } from 'vitest';
import type { CardTheme } from '../../../components/card/CardShell';
import { NotFoundCard } from '../../../components/card/NotFoundCard';
import { PersonCard } from '../../../components/card/PersonCard';
import { TopicCard } from '../../../components/card/TopicCard';

import { installMessages } from './messages';
import { bundle, entity, topic } from '../support/bundle';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
export const PREVIEW_FILE = resolve(repoRoot, 'test-results/card-preview.html');

const { letter, counts } = bundle;
const common = { letter, counts, onClose: () => {}, dataDate: bundle.compiled };

type Row = { title: string; card: (theme: CardTheme) => JSX.Element; click?: string; full?: boolean };

const rows: Row[] = [
  {
    title: 'Mark Ruffalo (signed), after Copy citation',
    card: (theme) => (
      <PersonCard {...common} theme={theme} entity={entity('Mark Ruffalo')} copy={() => Promise.resolve()} />
    ),
    click: '[data-testid="copy-citation"]',
  },
  { title: 'Natasha Lyonne (organiser)', card: (theme) => person('Natasha Lyonne', theme) },
  { title: 'Adam Scott (one outlet only)', card: (theme) => person('Adam Scott', theme) },
  {
    title: 'Patton Oswalt (one outlet, only content-farm copies)',
    card: (theme) => person('Patton Oswalt', theme),
  },
  { title: 'Donald Trump (actor)', card: (theme) => person('Donald Trump', theme) },
  { title: 'Lana Wachowski (unconfirmed)', card: (theme) => person('Lana Wachowski', theme) },
  { title: 'Paul McCartney (note), paragraph 4', card: (theme) => person('Paul McCartney', theme, 4) },
  {
    title: 'Topic: fair use',
    card: (theme) => <TopicCard {...common} theme={theme} topic={topic('fair-use')} term="fair use" />,
    full: true,
  },
  {
    title: 'Whole letter expanded (uncapped height)',
    card: (theme) => person('Cate Blanchett', theme),
    click: '.us-disclosure',
    full: true,
  },
  {
    title: 'Not found',
    card: (theme) => <NotFoundCard {...common} theme={theme} query="Jane Doe" />,
  },
];

function person(name: string, theme: CardTheme, paragraph?: number) {
  return (
    <PersonCard
      {...common}
      theme={theme}
      entity={entity(name)}
      paragraph={paragraph}
      copy={() => Promise.resolve()}
    />
  );
}

async function renderToHtml(element: JSX.Element, click?: string): Promise<string> {
  const host = document.createElement('div');
  document.body.append(host);
  render(element, host);
  if (click) {
    await act(async () => {
      host.querySelector<HTMLElement>(click)?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
  }
  // Reading serialised markup to write a static file; nothing is ever assigned to innerHTML.
  const html = host.innerHTML;
  render(null, host);
  host.remove();
  return html;
}

const PAGE_CSS = `
  body { margin: 0; font: 13px system-ui, sans-serif; background: #e9ecef; }
  .row { display: grid; grid-template-columns: 400px 400px; }
  .row > h1 { grid-column: 1 / -1; margin: 0; padding: 10px 20px 0; font-size: 13px; color: #444; background: #e9ecef; }
  .cell { padding: 12px 20px 24px; }
  .cell.dark { background: #0d1117; }
  .row:not(:first-child) > h1 { border-top: 1px solid #ccc; }
  .full .us-card { max-height: none; }
`;

beforeEach(installMessages);

it('writes test-results/card-preview.html with every card in both themes', async () => {
  // The shadow root's stylesheet (components/card/styles.ts): the shared tokens, the card, its sources.
  const cardCss = ['components/base.css', 'components/card/card.css', 'components/card/sources.css']
    .map((file) => readFileSync(resolve(repoRoot, file), 'utf8'))
    .join('\n');
  const sections: string[] = [];
  for (const [i, row] of rows.entries()) {
    const light = await renderToHtml(row.card('light'), row.click);
    const dark = await renderToHtml(row.card('dark'), row.click);
    const title = row.title.replace(/[<>&]/g, '');
    sections.push(
      `<section class="row${row.full ? ' full' : ''}" id="row-${i}"><h1>${title}</h1>` +
        `<div class="cell light">${light}</div><div class="cell dark">${dark}</div></section>`,
    );
  }
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Undersigned card preview</title>
<style>${cardCss}</style><style>${PAGE_CSS}</style></head><body>${sections.join('\n')}</body></html>`;
  mkdirSync(dirname(PREVIEW_FILE), { recursive: true });
  writeFileSync(PREVIEW_FILE, page);

  expect(page).toContain('.us-card {');
  expect(page.match(/role="dialog"/g)).toHaveLength(rows.length * 2);
  expect(page.match(/data-theme="dark"/g)).toHaveLength(rows.length);
  expect(page).toContain('Copied');
  expect(page).toContain('Paragraph 5 of 5');
});
