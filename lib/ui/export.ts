/**
 * The page's roster (who was found on it) as Markdown and CSV, for the popup's "Copy as Markdown"
 * and "Download CSV". Pure: the caller passes the rows, the date and the column labels, so tests
 * assert the exact output.
 */
import { httpUrl } from '../url/http';

export interface RosterRow {
  name: string;
  /** The status in words, as it must read on its own ("named as a signatory by 39 outlets"). */
  status: string;
  mentions: number;
  /** The best source for the status, if any. */
  sourceUrl: string | null;
  sourceOutlet: string | null;
}

export interface Roster {
  pageUrl: string;
  pageTitle: string;
  /** When the export was made. */
  date: Date;
  rows: readonly RosterRow[];
}

/** Column labels, from _locales in the popup. */
export interface RosterLabels {
  name: string;
  status: string;
  mentions: string;
  pageUrl: string;
  pageTitle: string;
  date: string;
  /** The Markdown column (a link named after the outlet). */
  source: string;
  /** The CSV column (the bare URL). */
  sourceUrl: string;
  /** The Markdown heading ("People named on this page"). */
  heading: string;
}

/** "2026-11-29": unambiguous in any language and sorts as text. UTC, like the rest of the data. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / carriage return) as a formula, so a
 * page title like "=HYPERLINK(…)" would run in the reader's spreadsheet. Prefixing a quote makes it
 * text (OWASP's advice for CSV injection).
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes. */
export function csvField(value: string | number): string {
  const cell = typeof value === 'number' ? String(value) : guardFormula(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One header line and one line per person, CRLF-separated as RFC 4180 says. */
export function rosterCsv(roster: Roster, labels: RosterLabels): string {
  const header = [
    labels.name,
    labels.status,
    labels.mentions,
    labels.pageUrl,
    labels.pageTitle,
    labels.date,
    labels.sourceUrl,
  ];
  const day = isoDay(roster.date);
  const lines = [header.map(csvField).join(',')];
  for (const row of roster.rows) {
    lines.push(
      [row.name, row.status, row.mentions, roster.pageUrl, roster.pageTitle, day, row.sourceUrl ?? '']
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Text in a Markdown table cell: no line breaks, and no character that would start markup. */
export function markdownText(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>|#!~])/g, '\\$1');
}

/** A link target that cannot end the link early: only http(s), with ( ) and spaces encoded. */
export function markdownUrl(value: string): string | null {
  const url = httpUrl(value);
  if (url === null) return null;
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
}

function markdownLink(text: string, url: string | null): string {
  const href = url === null ? null : markdownUrl(url);
  return href === null ? markdownText(text) : `[${markdownText(text)}](${href})`;
}

/**
 * A heading, which page and when, and a table: name, status, mentions, best source. Every text
 * (labels included) is escaped, so a page title cannot inject links or markup.
 */
export function rosterMarkdown(roster: Roster, labels: RosterLabels): string {
  const lines = [
    `## ${markdownText(labels.heading)}`,
    '',
    `- ${markdownText(labels.pageTitle)}: ${markdownLink(roster.pageTitle || roster.pageUrl, roster.pageUrl)}`,
    `- ${markdownText(labels.date)}: ${isoDay(roster.date)}`,
    '',
    `| ${[labels.name, labels.status, labels.mentions, labels.source].map(markdownText).join(' | ')} |`,
    '| --- | --- | ---: | --- |',
  ];
  for (const row of roster.rows) {
    const source =
      row.sourceUrl === null ? '' : markdownLink(row.sourceOutlet ?? row.sourceUrl, row.sourceUrl);
    lines.push(`| ${markdownText(row.name)} | ${markdownText(row.status)} | ${row.mentions} | ${source} |`);
  }
  return `${lines.join('\n')}\n`;
}
