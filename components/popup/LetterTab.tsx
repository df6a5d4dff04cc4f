/**
 * "The letter": to whom, when, how many signed, who organised it and what it answered, then the
 * quoted text in full as the card shows it, with sources.
 */
import type { DataFacts } from './data';
import { t } from '../../lib/ui/i18n';
import { formatDate, formatList, reportedTotalShort } from '../card/format';
import { LetterSection } from '../card/LetterSection';
import { SourceList } from '../card/SourceList';
import { Submissions } from '../card/Submissions';
import { Loading } from './common';

export function LetterTab({ facts }: { facts: DataFacts | null }) {
  if (!facts) return <Loading />;
  const { letter, counts } = facts;
  if (!letter)
    return (
      <p class="pp-empty__title pp-error" role="alert" data-testid="letter-failed">
        {t('popupLetterUnavailable')}
      </p>
    );
  const countSources = letter.signatureCounts.flatMap((c) => c.sources);
  return (
    <div class="pp-letter" data-testid="letter-tab">
      <h2 class="pp-letter__title">{letter.shortTitle}</h2>
      <dl class="pp-facts">
        <dt>{t('popupLetterTo')}</dt>
        <dd>{letter.addressee}</dd>
        <dt>{t('popupLetterWhen')}</dt>
        <dd>
          {t('popupLetterWhenDetail', [formatDate(letter.submitted), formatDate(letter.firstReported)])}
        </dd>
        <dt>{t('popupLetterSigned')}</dt>
        <dd data-testid="letter-signed">
          {t('popupLetterSignedDetail', [reportedTotalShort(counts), String(counts.signatoriesPublished)])}
          <SourceList sources={countSources} max={2} label={t('cardSources')} inline />
        </dd>
        {letter.organisers.length > 0 && (
          <>
            <dt>{t('popupLetterOrganisers')}</dt>
            <dd>
              {formatList(letter.organisers.map((o) => `${o.name} (${o.note})`))}
              <SourceList sources={letter.organisersSources} max={2} label={t('cardSources')} inline />
            </dd>
          </>
        )}
        <dt>{t('popupLetterAnswered')}</dt>
        <dd>
          {letter.answers.length > 0
            ? t('popupLetterAnsweredDetail', formatList(letter.answers.map((a) => a.who)))
            : letter.requestForInformation.title}
        </dd>
      </dl>
      <p class="us-muted">{letter.signatoriesNamedPublicly}</p>
      <Submissions answers={letter.answers} />
      <LetterSection letter={letter} counts={counts} paragraph={null} initiallyExpanded />
    </div>
  );
}
