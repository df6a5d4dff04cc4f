/** The card's public surface: what the content script mounts. */
export { PersonCard, type PersonCardProps } from './PersonCard';
export { TopicCard, type TopicCardProps } from './TopicCard';
export { NotFoundCard, type NotFoundCardProps } from './NotFoundCard';
export { LetterSection, ParagraphQuote, type LetterSectionProps } from './LetterSection';
export { SourceList } from './SourceList';
export type { CardTheme } from './CardShell';
export { citationText } from './citation';
export { relevantParagraphs, paragraphsMentioning, mentions } from './relevant-paragraphs';
export { statusVariant, type StatusVariant } from './status';
export { cardCss } from './styles';
