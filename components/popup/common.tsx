/**
 * Small pieces every popup tab uses alike: the loading line, the empty state, a titled list, the
 * notice under a panel's actions, and the plural of a count.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';

/** "1 mark" / "3 marks": the message for one, or the message for many with the number. */
export const plural = (n: number, one: string, many: string) => (n === 1 ? t(one) : t(many, String(n)));

export function Loading() {
  return (
    <p class="us-muted" role="status">
      {t('popupLoading')}
    </p>
  );
}

/** Nothing to show yet: what is missing, why (optional), and what the reader can do (children). */
export function EmptyState(props: {
  testId: string;
  title: string;
  hint?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="pp-empty" data-testid={props.testId}>
      <p class="pp-empty__title">{props.title}</p>
      {props.hint && <p class="us-muted">{props.hint}</p>}
      {props.children}
    </div>
  );
}

/** A notice under a panel's actions: a success, or an error that says what the reader can do. */
export interface Notice {
  text: string;
  error: boolean;
}
export const ok = (text: string): Notice => ({ text, error: false });
export const failed = (text: string): Notice => ({ text, error: true });

/** Always in the DOM (a live region must exist before it speaks); styled as an error when it is one. */
export function NoticeLine({ notice, testId }: { notice: Notice; testId: string }) {
  return (
    <p
      class={notice.error ? 'pp-notice pp-notice--error' : 'pp-notice'}
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-error={notice.error && notice.text ? 'true' : undefined}
    >
      {notice.text}
    </p>
  );
}

/** A section of a tab: its heading and its list (people, topics, pages). */
export function TitledList(props: {
  heading: string;
  listClass: string;
  testId?: string;
  children: ComponentChildren;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} class="us-h3 pp-h">
        {props.heading}
      </h2>
      <ul class={props.listClass} data-testid={props.testId}>
        {props.children}
      </ul>
    </section>
  );
}
