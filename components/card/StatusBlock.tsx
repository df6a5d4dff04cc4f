/** The status headline: glyph + words (never colour alone), optionally with a detail line. */
import type { ComponentChildren } from 'preact';
import { Icon } from './icons';
import type { StatusVariant } from './status';

export type StatusBlockProps = {
  variant: StatusVariant | 'notFound';
  label: string;
  children?: ComponentChildren;
};

export function StatusBlock({ variant, label, children }: StatusBlockProps) {
  return (
    <div class={`us-status us-status--${variant}`} data-status={variant}>
      <span class="us-status__icon">
        <Icon name={variant} />
      </span>
      <div class="us-status__text">
        <p class="us-status__label">{label}</p>
        {children}
      </div>
    </div>
  );
}
