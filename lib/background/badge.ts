/**
 * The toolbar badge: how many of the letter's signatories are marked on the page, and the same in
 * words for the button's tooltip (screen readers read the title, not the badge). The report holds
 * only what is marked under the reader's mark level (lib/content/categories.ts), so the badge never
 * counts a name the page does not show.
 */
import type { Status } from '../data/model';
import type { PageReport } from '../messaging/protocol';
import { t } from '../ui/i18n';

export interface Badge {
  text: string;
  title: string;
}

export function badgeFor(report: PageReport | null, statusOf: (id: string) => Status | undefined): Badge {
  const people = report?.people ?? [];
  const signatories = people.filter((p) => {
    const status = statusOf(p.id);
    return status === 'signed' || status === 'organiser';
  }).length;
  const others = people.length - signatories;
  if (signatories === 0) {
    // Neutral: no number, so an empty badge never reads as a verdict about the page.
    return {
      text: '',
      title: others > 0 ? t('badgeTitleOthersOnly', String(others)) : t('badgeTitleNone'),
    };
  }
  return {
    text: String(signatories),
    title: signatories === 1 ? t('badgeTitleOne') : t('badgeTitleMany', String(signatories)),
  };
}
