/**
 * What each mark on a page means: one sample per category, drawn with the page marks' own line
 * style, thickness and colours (lib/content/highlighter.ts), so the legend cannot drift from them.
 * Shown in the popup and in the options page.
 */
import { MARK_CATEGORIES, type MarkCategory } from '../../lib/content/categories';
import { sampleCss } from '../../lib/content/highlighter';
import type { MarkStyle } from '../../lib/settings/settings';
import { t } from '../../lib/ui/i18n';
import './legend.css';

const LABEL: Record<MarkCategory, string> = {
  signed: 'legendSigned',
  signedSingle: 'legendSignedSingle',
  organiser: 'legendOrganiser',
  actor: 'legendActor',
  unconfirmed: 'legendUnconfirmed',
  topic: 'legendTopic',
};

/** The line in words: for screen readers, and where colour is not seen. */
const LINE_WORDS: Record<MarkCategory, string> = {
  signed: 'legendLineSolid',
  signedSingle: 'legendLineThin',
  organiser: 'legendLineDouble',
  actor: 'legendLineDotted',
  unconfirmed: 'legendLineWavy',
  topic: 'legendLineDashed',
};

export interface MarkLegendProps {
  style: MarkStyle;
  /** An id for the list's label (the caller's heading or summary). */
  labelledBy?: string;
}

export function MarkLegend({ style, labelledBy }: MarkLegendProps) {
  return (
    <div class="us-legend" data-testid="mark-legend" data-style={style}>
      <ul class="us-legend__list" aria-labelledby={labelledBy}>
        {MARK_CATEGORIES.map((category) => (
          <li key={category} class="us-legend__row" data-category={category}>
            <span class="us-legend__sample" style={sampleCss(category, style)} aria-hidden="true">
              {t('legendSample')}
            </span>
            <span class="us-legend__label">{t(LABEL[category])}</span>
            {style !== 'background' && <span class="us-legend__line">{t(LINE_WORDS[category])}</span>}
          </li>
        ))}
      </ul>
      {style === 'background' && <p class="us-legend__note">{t('legendBackgroundNote')}</p>}
      {style === 'none' && <p class="us-legend__note">{t('legendNoneNote')}</p>}
    </div>
  );
}
