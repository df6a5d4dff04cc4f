/**
 * The card for an AI-and-copyright topic: the neutral note, what the letter says about it, what
 * the submissions it answered argued, and the letter itself.
 */
import { useId } from 'preact/hooks';
import type { DataBundle, Letter, Topic } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { CardShell, type CardTheme } from './CardShell';
import { formatList } from './format';
import { LetterSection, ParagraphQuote } from './LetterSection';
import { relevantParagraphs } from './relevant-paragraphs';
import { Submissions } from './Submissions';

export type TopicCardProps = {
  topic: Topic;
  letter: Letter;
  counts: DataBundle['counts'];
  /** The words as found on the page ("fair use"); the topic's first term when omitted. */
  term?: string;
  /** At most this many relevant paragraphs before "Read the whole letter" (default 2). */
  maxParagraphs?: number;
  onClose: () => void;
  dataDate?: string;
  theme?: CardTheme;
};

export function TopicCard(props: TopicCardProps) {
  const { topic, letter } = props;
  const term = props.term ?? topic.terms[0] ?? topic.id;
  const match = relevantParagraphs(letter, topic);
  const shown = match.paragraphs.slice(0, props.maxParagraphs ?? 2);
  const saysId = useId();
  const who = formatList(match.submitters);
  // Another campaign's anchor is context, not something OpenAI or Google argued about.
  const showAnswers = topic.group !== 'otherInitiative';

  return (
    <CardShell
      testId="topic-card"
      kicker={t('cardKickerTopic')}
      heading={term}
      headingClass="us-card__title--term"
      onClose={props.onClose}
      dataDate={props.dataDate}
      theme={props.theme}
    >
      <p class="us-lead">{topic.note}</p>
      <section class="us-says" aria-labelledby={saysId}>
        <h3 id={saysId} class="us-h3">
          {t('cardTopicLetterSays')}
        </h3>
        {match.matchedBy === 'answers' && <p class="us-muted">{t('cardTopicAnswersInstead', [term, who])}</p>}
        {match.matchedBy === 'none' && <p class="us-muted">{t('cardTopicNotInLetter', term)}</p>}
        {shown.map((p) => (
          <ParagraphQuote key={p.n} paragraph={p} total={letter.paragraphs.length} maxSources={2} />
        ))}
      </section>
      {showAnswers && <Submissions answers={letter.answers} />}
      <LetterSection letter={letter} counts={props.counts} paragraph={null} />
    </CardShell>
  );
}
