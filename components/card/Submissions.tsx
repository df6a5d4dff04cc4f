/** What the submissions the letter answered (OpenAI's, Google's) argued, in their quoted words. */
import { useId } from 'preact/hooks';
import type { Submission } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { formatDate } from './format';
import { SourceList } from './SourceList';

export function Submissions({ answers }: { answers: readonly Submission[] }) {
  const headingId = useId();
  if (answers.length === 0) return null;
  return (
    <section class="us-answers" aria-labelledby={headingId}>
      <h3 id={headingId} class="us-h3">
        {t('cardAnswersHeading')}
      </h3>
      {answers.map((answer) => (
        <article key={answer.who} class="us-answer" data-who={answer.who}>
          <p class="us-answer__who">
            <strong>{answer.who}</strong>
            <span class="us-sources__meta"> · {formatDate(answer.date)}</span>
            {answer.by && <span class="us-sources__meta"> · {answer.by}</span>}
          </p>
          <p class="us-answer__position">{t('cardAnswerPosition', [answer.who, answer.position])}</p>
          <blockquote class="us-quote__text">{answer.quoted}</blockquote>
          <SourceList sources={answer.sources} max={2} label={t('cardQuotedBy')} inline />
        </article>
      ))}
    </section>
  );
}
