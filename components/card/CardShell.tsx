/**
 * The frame every card shares: a non-modal dialog labelled by its heading, with a close button.
 * Mounting, positioning and Esc belong to the lead's content script, not to this component.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { formatDate } from './format';
import { Icon } from './icons';

/** auto follows prefers-color-scheme; light/dark force one (a setting, or the preview). */
export type CardTheme = 'auto' | 'light' | 'dark';

export type CardShellProps = {
  kicker: string;
  heading: string;
  subheading?: string | null;
  onClose: () => void;
  /** The data set's compilation date (ISO), shown so a reader knows how current the facts are. */
  dataDate?: string;
  theme?: CardTheme;
  /** Extra class for the heading (the topic card capitalises its term). */
  headingClass?: string;
  footer?: ComponentChildren;
  children: ComponentChildren;
  testId: string;
};

export function CardShell(props: CardShellProps) {
  const headingId = useId();
  return (
    <div
      class="us-card"
      role="dialog"
      aria-labelledby={headingId}
      data-theme={props.theme ?? 'auto'}
      data-testid={props.testId}
    >
      <header class="us-card__head">
        <div class="us-card__titles">
          <p class="us-kicker">{props.kicker}</p>
          {/* Focusable by script only: a keyboard-opened card puts focus here, so reading starts at the name. */}
          <h2
            id={headingId}
            tabIndex={-1}
            data-card-focus=""
            class={props.headingClass ? `us-card__title ${props.headingClass}` : 'us-card__title'}
          >
            {props.heading}
          </h2>
          {props.subheading && <p class="us-card__sub">{props.subheading}</p>}
        </div>
        <button
          type="button"
          class="us-close"
          aria-label={t('cardClose')}
          title={t('cardClose')}
          onClick={props.onClose}
        >
          <Icon name="close" />
        </button>
      </header>
      <div class="us-card__body">{props.children}</div>
      {(props.footer || props.dataDate) && (
        <footer class="us-card__foot">
          {props.footer}
          {props.dataDate && <p class="us-card__date">{t('cardDataDate', formatDate(props.dataDate))}</p>}
        </footer>
      )}
    </div>
  );
}
