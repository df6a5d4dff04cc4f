/** A short list of source links: outlet, where a copy lives, date. Links open in a new tab. */
import type { Source } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { copyLabel, pickSources } from './sources';

export type SourceListProps = {
  sources: readonly Source[];
  /** How many to show (best first, originals before copies); all when omitted. */
  max?: number;
  /** A short label above the list ("Sources", "Quoted by"). */
  label?: string;
  /** One line ("Quoted by A · B"), for the sources under a quotation. */
  inline?: boolean;
};

export function SourceList({ sources, max, label, inline }: SourceListProps) {
  const shown = pickSources(sources, max ?? sources.length);
  if (shown.length === 0) return null;
  return (
    <div class={inline ? 'us-sources us-sources--inline' : 'us-sources'}>
      {label && <p class="us-label">{label}</p>}
      <ul class="us-sources__list">
        {shown.map((source) => (
          <li key={source.url}>
            <a href={source.url} target="_blank" rel="noopener noreferrer">
              {source.outlet}
              <span class="us-sr"> {t('cardOpensInNewTab')}</span>
            </a>
            {source.secondHand === true && <span class="us-sources__meta"> · {copyLabel(source)}</span>}
            {source.date && <span class="us-sources__meta"> · {source.date}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
