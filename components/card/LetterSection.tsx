/**
 * The letter: what it is, one paragraph, and "Read the whole letter", which lists every quoted
 * paragraph in order with partial quotes and their gaps […] shown as such.
 */
import { useId, useState } from 'preact/hooks';
import type { DataBundle, Letter, Paragraph } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { formatDate, formatList, reportedTotalShort } from './format';
import { Icon } from './icons';
import { splitAtGaps } from './relevant-paragraphs';
import { SourceList } from './SourceList';

export type ParagraphQuoteProps = {
  paragraph: Paragraph;
  total: number;
  /** How many sources to list (all when omitted). */
  maxSources?: number;
};

/** One paragraph as the press quoted it; gaps stay visible and are announced as gaps. */
export function ParagraphQuote({ paragraph, total, maxSources }: ParagraphQuoteProps) {
  const partial = paragraph.attestation === 'partial';
  return (
    <figure class="us-quote" data-paragraph={paragraph.n} data-attestation={paragraph.attestation}>
      <figcaption class="us-quote__cap">
        <span>{t('cardParagraphLabel', [String(paragraph.n), String(total)])}</span>
        {partial && ' '}
        {partial && <span class="us-tag">{t('cardParagraphPartial')}</span>}
      </figcaption>
      <blockquote class="us-quote__text">
        {splitAtGaps(paragraph.text).map((part, i) =>
          part.gap ? (
            <span key={i} class="us-gap">
              <span aria-hidden="true">{part.text}</span>
              <span class="us-sr"> {t('cardGap')}</span>
            </span>
          ) : (
            part.text
          ),
        )}
      </blockquote>
      {partial && <p class="us-quote__note">{t('cardParagraphPartialExplain')}</p>}
      {paragraph.note && <p class="us-quote__note">{paragraph.note}</p>}
      <SourceList sources={paragraph.sources} max={maxSources} label={t('cardQuotedBy')} inline />
    </figure>
  );
}

export type LetterSectionProps = {
  letter: Letter;
  counts: DataBundle['counts'];
  /** Which paragraph (its `n`) to show before the expander; the first when omitted, none when null. */
  paragraph?: number | null;
  /** Starts expanded (the preview uses it; the card normally starts collapsed). */
  initiallyExpanded?: boolean;
};

export function LetterSection({ letter, counts, paragraph, initiallyExpanded }: LetterSectionProps) {
  const [expanded, setExpanded] = useState(initiallyExpanded ?? false);
  const headingId = useId();
  const regionId = useId();
  const total = letter.paragraphs.length;
  const featured =
    paragraph === null
      ? undefined
      : (letter.paragraphs.find((p) => p.n === (paragraph ?? 1)) ?? letter.paragraphs[0]);

  return (
    <section class="us-letter" aria-labelledby={headingId}>
      <h3 id={headingId} class="us-h3">
        {t('cardLetterHeading')}
      </h3>
      <p class="us-letter__title">{letter.shortTitle}</p>
      <p class="us-letter__summary">
        {t('cardLetterSummary', [
          letter.addressee,
          formatDate(letter.submitted),
          reportedTotalShort(counts),
          String(counts.signatoriesPublished),
        ])}
      </p>
      {featured && <ParagraphQuote paragraph={featured} total={total} maxSources={2} />}
      <button
        type="button"
        class="us-disclosure"
        aria-expanded={expanded ? 'true' : 'false'}
        aria-controls={regionId}
        onClick={() => setExpanded(!expanded)}
      >
        <Icon name="chevron" class="us-icon us-disclosure__icon" />
        {t('cardReadWholeLetter')}
      </button>
      <div id={regionId} class="us-letter__whole">
        {expanded && (
          <>
            <p class="us-muted">{letter.paragraphOrderNote}</p>
            <ol class="us-letter__paragraphs">
              {letter.paragraphs.map((p) => (
                <li key={p.n}>
                  <ParagraphQuote paragraph={p} total={total} />
                </li>
              ))}
            </ol>
            {letter.fullTextPublishedBy.length > 0 && (
              <p class="us-muted">{t('cardFullTextBy', formatList(letter.fullTextPublishedBy))}</p>
            )}
            <p class="us-muted">
              {t('cardLetterAnswered')}{' '}
              <a href={letter.requestForInformation.url} target="_blank" rel="noopener noreferrer">
                {letter.requestForInformation.title}
                <span class="us-sr"> {t('cardOpensInNewTab')}</span>
              </a>
            </p>
          </>
        )}
      </div>
    </section>
  );
}
