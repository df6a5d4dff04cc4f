/**
 * The card for a looked-up name that is not in the data. Only about 40 of the 400+ names were
 * published, so absence proves nothing: the card says "not found among the published names" and
 * nothing stronger.
 */
import type { DataBundle, Letter } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { CardShell, type CardTheme } from './CardShell';
import { formatList, reportedTotalShort } from './format';
import { LetterSection } from './LetterSection';
import { StatusBlock } from './StatusBlock';

export type NotFoundCardProps = {
  /** The name as the reader selected or typed it. */
  query: string;
  counts: DataBundle['counts'];
  /** When given, the card says where the full list was printed and offers the letter. */
  letter?: Letter;
  onClose: () => void;
  dataDate?: string;
  theme?: CardTheme;
};

export function NotFoundCard(props: NotFoundCardProps) {
  const published = String(props.counts.signatoriesPublished);
  const total = reportedTotalShort(props.counts);
  const printedBy = props.letter?.fullTextPublishedBy ?? [];
  return (
    <CardShell
      testId="not-found-card"
      kicker={t('cardKickerLookup')}
      heading={props.query}
      onClose={props.onClose}
      dataDate={props.dataDate}
      theme={props.theme}
    >
      <StatusBlock variant="notFound" label={t('cardNotFoundLabel')}>
        <p class="us-status__detail">{t('cardNotFoundDetail', [props.query, published, total])}</p>
      </StatusBlock>
      <p class="us-lead">
        {printedBy.length > 0
          ? t('cardNotFoundWhyPrinted', [published, total, formatList(printedBy)])
          : t('cardNotFoundWhy', [published, total])}
      </p>
      {props.letter && <LetterSection letter={props.letter} counts={props.counts} paragraph={null} />}
    </CardShell>
  );
}
