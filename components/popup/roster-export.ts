/**
 * The page's roster as the popup exports it (Markdown to copy, CSV to download): one row per
 * person with the status in words and the best source, and the column labels in the reader's
 * language. lib/ui/export.ts writes the formats.
 */
import type { Entity } from '../../lib/data/model';
import type { PageReport } from '../../lib/messaging/protocol';
import { isoDay, type Roster, type RosterLabels } from '../../lib/ui/export';
import { t } from '../../lib/ui/i18n';
import { citationStatus } from '../card/citation';
import { pickSources } from '../card/sources';
import type { PageRoster } from './data';

function exportStatus(entity: Entity): string {
  const words = citationStatus(entity);
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

export function rosterForExport(report: PageReport, roster: PageRoster, date: Date): Roster {
  return {
    pageUrl: report.url,
    pageTitle: report.title,
    date,
    rows: roster.people.flatMap(({ entity, mentions }) => {
      if (!entity) return [];
      const best = pickSources(entity.sources, 1)[0];
      return [
        {
          name: entity.name,
          status: exportStatus(entity),
          mentions,
          sourceUrl: best?.url ?? null,
          sourceOutlet: best?.outlet ?? null,
        },
      ];
    }),
  };
}

export function exportLabels(): RosterLabels {
  return {
    name: t('exportColumnName'),
    status: t('exportColumnStatus'),
    mentions: t('exportColumnMentions'),
    pageUrl: t('exportColumnPageUrl'),
    pageTitle: t('exportColumnPageTitle'),
    date: t('exportColumnDate'),
    source: t('exportColumnSource'),
    sourceUrl: t('exportColumnSourceUrl'),
    heading: t('exportHeading'),
  };
}

/** "undersigned-example.com-2026-12-07.csv": the site and the day, safe as a file name. */
export function exportFileName(url: string, date: Date): string {
  let host = 'page';
  try {
    host = new URL(url).hostname.replace(/^www\./, '').replace(/[^a-z0-9.-]/gi, '') || host;
  } catch {
    // Keep "page".
  }
  return `undersigned-${host}-${isoDay(date)}.csv`;
}
