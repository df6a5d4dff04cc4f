/**
 * Only reader-facing words are shown: every person's card, search result and lookup answer, and
 * the popup roster and its export for every entity of the bundle, are rendered, and no text or
 * label shown contains the research's maintainer notes (`researchNote`). The notes are read from
 * a committed copy of a few (tests/fixtures/research-notes.json) and, beside the repository, from
 * every record of ../shared/data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PersonCard } from '../../../components/card/PersonCard';
import { FoundAnswer } from '../../../components/popup/LookupPanel';
import { Popup } from '../../../components/popup/Popup';
import { SearchResult } from '../../../components/popup/SearchTab';
import notesFixture from '../../fixtures/research-notes.json';
import { bundled, click, mount, pageReport, waitFor } from './helpers';
import { useBackground } from '../support/ui';

const factsDir = resolve(__dirname, '../../../../shared/data');

/** Every researchNote string in the research files, at any depth. */
function notesIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) notesIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'researchNote' && typeof item === 'string') into.push(item);
      else notesIn(item, into);
    }
  }
  return into;
}

function researchNotes(): string[] {
  const notes = Object.values(notesFixture.notes);
  if (existsSync(factsDir)) {
    for (const file of ['signatories', 'actors', 'unconfirmed', 'letter', 'initiatives', 'topics']) {
      notesIn(JSON.parse(readFileSync(resolve(factsDir, `${file}.json`), 'utf8')), notes);
    }
  }
  return notes;
}

/**
 * What to look for: each note whole, and each of its clauses long enough to be its own words
 * (a short clause like "Lana is not reported." may rightly be in the reader's assessment too).
 */
const NEEDLES = [
  ...new Set(
    researchNotes().flatMap((note) => [
      note,
      ...note.split(/(?<=[.;:])\s+/).filter((clause) => clause.length >= 30),
    ]),
  ),
];

/** The text a reader sees or hears: text nodes and the labels and titles of elements. */
function shownStrings(host: HTMLElement): string[] {
  const strings = [host.textContent ?? ''];
  for (const el of host.querySelectorAll('*')) {
    for (const attr of ['title', 'aria-label', 'alt', 'placeholder']) {
      const value = el.getAttribute(attr);
      if (value) strings.push(value);
    }
  }
  return strings.map((s) => s.replace(/\s+/g, ' '));
}

function expectNoResearchNote(strings: readonly string[], where: string): void {
  for (const needle of NEEDLES) {
    for (const s of strings) expect(s.includes(needle), `${where} shows “${needle}”`).toBe(false);
  }
}

const { bg, show } = useBackground();

describe('no maintainer note is shown anywhere', () => {
  it('looks for the committed notes and, beside the repository, every note of the research', () => {
    expect(Object.keys(notesFixture.notes).length).toBeGreaterThanOrEqual(10);
    if (existsSync(factsDir)) expect(NEEDLES.length).toBeGreaterThan(50);
    // The probe works: a note rendered as text is found.
    const probe = document.createElement('p');
    probe.textContent = `Note: ${notesFixture.notes['adam-scott']}`;
    expect(() => expectNoResearchNote(shownStrings(probe), 'probe')).toThrow();
  });

  it('in every person’s card, search result and lookup answer', () => {
    const { letter, counts } = bundled;
    for (const entity of bundled.entities) {
      for (const [where, node] of [
        [
          'card',
          <PersonCard
            entity={entity}
            letter={letter}
            counts={counts}
            copy={() => Promise.resolve()}
            onClose={() => {}}
          />,
        ],
        ['search result', <SearchResult entity={entity} />],
        ['lookup answer', <FoundAnswer entity={entity} />],
      ] as const) {
        const { host, unmount } = mount(node);
        expect(host.textContent, `${where} of ${entity.id}`).toContain(entity.name);
        expectNoResearchNote(shownStrings(host), `the ${where} of ${entity.id}`);
        unmount();
      }
    }
  });

  it('in the popup roster and its Markdown export, with every entity on the page', async () => {
    await bg.report(7, pageReport(bundled.entities.map((e): [string, number] => [e.id, 1])));
    const copy = vi.fn(async (_text: string) => {});
    const { host } = show(<Popup search="?tabId=7" close={() => {}} copy={copy} download={() => {}} />);
    await waitFor('the roster', () => {
      const rows = host.querySelectorAll('[data-testid="roster-person"]');
      return rows.length === bundled.entities.length ? rows : null;
    });
    expectNoResearchNote(shownStrings(host), 'the roster');
    await click(host.querySelector('[data-testid="copy-markdown"]'));
    await waitFor('the copy', () => copy.mock.calls.length > 0);
    const markdown = copy.mock.calls[0]?.[0] ?? '';
    expect(markdown).toContain('Paul McCartney');
    expectNoResearchNote([markdown.replace(/\\/g, '')], 'the export');
  });
});
