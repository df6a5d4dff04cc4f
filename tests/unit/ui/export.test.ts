/** The roster export: exact Markdown and CSV, quoting, and the spreadsheet formula guard. */
import { describe, expect, it } from 'vitest';
import {
  csvField,
  guardFormula,
  markdownText,
  markdownUrl,
  rosterCsv,
  rosterMarkdown,
  type Roster,
  type RosterLabels,
} from '../../../lib/ui/export';

const labels: RosterLabels = {
  name: 'Name',
  status: 'Status',
  mentions: 'Mentions',
  pageUrl: 'Page URL',
  pageTitle: 'Page title',
  date: 'Date',
  source: 'Best source',
  sourceUrl: 'Best source URL',
  heading: 'People named on this page',
};

const roster: Roster = {
  pageUrl: 'https://news.example/story?id=1',
  pageTitle: 'Stars, "AI" and copyright',
  // Late in the UTC day: the date must not shift with the machine's time zone.
  date: new Date('2026-11-29T23:30:00Z'),
  rows: [
    {
      name: 'Mark Ruffalo',
      status: 'Named as a signatory by 49 outlets',
      mentions: 4,
      sourceUrl: 'https://variety.com/2025/letter',
      sourceOutlet: 'Variety',
    },
    {
      name: 'Donald Trump',
      status: 'In the debate, not reported as a signatory (President of the United States)',
      mentions: 8,
      sourceUrl: null,
      sourceOutlet: null,
    },
  ],
};

describe('rosterCsv', () => {
  it('writes a header and one CRLF line per person, quoting what needs quoting', () => {
    expect(rosterCsv(roster, labels)).toBe(
      [
        'Name,Status,Mentions,Page URL,Page title,Date,Best source URL',
        'Mark Ruffalo,Named as a signatory by 49 outlets,4,https://news.example/story?id=1,"Stars, ""AI"" and copyright",2026-11-29,https://variety.com/2025/letter',
        'Donald Trump,"In the debate, not reported as a signatory (President of the United States)",8,https://news.example/story?id=1,"Stars, ""AI"" and copyright",2026-11-29,',
        '',
      ].join('\r\n'),
    );
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(12)).toBe('12');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(guardFormula(cell)).toBe(`'${cell}`);
    }
    expect(guardFormula('Mark Ruffalo')).toBe('Mark Ruffalo');
    expect(guardFormula('a=b')).toBe('a=b');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    // A hostile page title cannot become a formula in the export.
    const hostile = rosterCsv(
      { ...roster, pageTitle: '=cmd|" /C calc"!A0', rows: roster.rows.slice(0, 1) },
      labels,
    );
    expect(hostile.split('\r\n')[1]).toContain(`"'=cmd|"" /C calc""!A0"`);
    // Numbers are never prefixed (a count is never negative, but stays a number).
    expect(csvField(4)).toBe('4');
  });
});

describe('rosterMarkdown', () => {
  it('writes a heading, the page and date, and a table with linked best sources', () => {
    expect(rosterMarkdown(roster, labels)).toBe(
      [
        '## People named on this page',
        '',
        '- Page title: [Stars, "AI" and copyright](https://news.example/story?id=1)',
        '- Date: 2026-11-29',
        '',
        '| Name | Status | Mentions | Best source |',
        '| --- | --- | ---: | --- |',
        '| Mark Ruffalo | Named as a signatory by 49 outlets | 4 | [Variety](https://variety.com/2025/letter) |',
        '| Donald Trump | In the debate, not reported as a signatory (President of the United States) | 8 |  |',
        '',
      ].join('\n'),
    );
  });

  it('escapes page text so a title cannot break the table or inject links', () => {
    const md = rosterMarkdown(
      {
        ...roster,
        pageTitle: 'A | B [click](javascript:alert(1)) *bold*\nnext',
        rows: [{ ...roster.rows[0]!, name: 'Pipe | Name' }],
      },
      labels,
    );
    expect(md).toContain(
      '- Page title: [A \\| B \\[click\\](javascript:alert(1)) \\*bold\\* next](https://news.example/story?id=1)',
    );
    expect(md).toContain('| Pipe \\| Name |');
    expect(markdownText('a_b`c<d>')).toBe('a\\_b\\`c\\<d\\>');
  });

  it('links only http(s) URLs, with brackets encoded', () => {
    expect(markdownUrl('javascript:alert(1)')).toBeNull();
    expect(markdownUrl('not a url')).toBeNull();
    expect(markdownUrl('https://en.wikipedia.org/wiki/Fair_use_(law)')).toBe(
      'https://en.wikipedia.org/wiki/Fair_use_%28law%29',
    );
    const md = rosterMarkdown(
      { ...roster, pageUrl: 'javascript:alert(1)', pageTitle: 'X', rows: [] },
      labels,
    );
    expect(md).toContain('- Page title: X\n');
  });
});
