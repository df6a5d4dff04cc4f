/**
 * The card for a person (or organisation) in the data: who they are, their part in the letter in
 * plain words with its evidence, caveats, the letter itself, and a copyable citation.
 */
import type { DataBundle, Entity, Letter } from '../../lib/data/model';
import { t } from '../../lib/ui/i18n';
import { CardShell, type CardTheme } from './CardShell';
import { citationText } from './citation';
import { CopyCitation } from './CopyCitation';
import { Icon } from './icons';
import { LetterSection } from './LetterSection';
import { SourceList } from './SourceList';
import { evidenceLine, STATUS_LABEL_KEY, statusVariant } from './status';
import { StatusBlock } from './StatusBlock';

export type PersonCardProps = {
  entity: Entity;
  letter: Letter;
  counts: DataBundle['counts'];
  /** The letter paragraph (its `n`) most relevant where the name was found; the first when omitted. */
  paragraph?: number;
  /** Puts text on the clipboard (the lead's adapter); rejects when it cannot. */
  copy: (text: string) => Promise<void>;
  onClose: () => void;
  /** The bundle's `compiled` date, shown in the footer. */
  dataDate?: string;
  theme?: CardTheme;
};

/** How many source links a status shows: enough to check, few enough to read. */
const STATUS_SOURCES = 3;

function PersonStatus({ entity }: { entity: Entity }) {
  const variant = statusVariant(entity);
  const label = t(STATUS_LABEL_KEY[variant], entity.role ?? entity.relation ?? '');
  switch (variant) {
    case 'signed':
    case 'organiser':
    case 'signedSingle':
      return (
        <StatusBlock variant={variant} label={label}>
          <p class="us-status__detail">{evidenceLine(entity)}</p>
          <SourceList sources={entity.sources} max={STATUS_SOURCES} label={t('cardBestSources')} />
        </StatusBlock>
      );
    case 'actor':
      return (
        <StatusBlock variant={variant} label={label}>
          {entity.role && entity.relation && <p class="us-status__detail">{entity.relation}</p>}
          <SourceList sources={entity.sources} max={STATUS_SOURCES} label={t('cardSources')} inline />
        </StatusBlock>
      );
    case 'unconfirmed':
      return (
        <StatusBlock variant={variant} label={label}>
          <dl class="us-claim">
            {entity.relation && (
              <>
                <dt>{t('cardClaim')}</dt>
                <dd>{entity.relation}</dd>
              </>
            )}
            {entity.note && (
              <>
                <dt>{t('cardAssessment')}</dt>
                <dd>{entity.note}</dd>
              </>
            )}
          </dl>
          <SourceList sources={entity.sources} max={STATUS_SOURCES} label={t('cardClaimSource')} />
        </StatusBlock>
      );
  }
}

export function PersonCard(props: PersonCardProps) {
  const { entity } = props;
  const variant = statusVariant(entity);
  // An actor's role is already in the status line; an unconfirmed claim's note is its assessment.
  const subheading = variant === 'actor' ? null : entity.role;
  const caveat = variant === 'unconfirmed' ? null : entity.note;
  return (
    <CardShell
      testId="person-card"
      kicker={t('cardKickerPerson')}
      heading={entity.name}
      subheading={subheading}
      onClose={props.onClose}
      dataDate={props.dataDate}
      theme={props.theme}
      footer={<CopyCitation text={citationText(entity, props.letter)} copy={props.copy} />}
    >
      <PersonStatus entity={entity} />
      {caveat && (
        <div class="us-note">
          <Icon name="note" />
          <p>
            <strong>{t('cardNoteLabel')}</strong> {caveat}
          </p>
        </div>
      )}
      <LetterSection letter={props.letter} counts={props.counts} paragraph={props.paragraph ?? 1} />
    </CardShell>
  );
}
