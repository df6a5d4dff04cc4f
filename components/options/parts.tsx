/** The options page's small shared pieces: a section with its heading, a checkbox, the status line's value. */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** A status line's text: "Saved", or a failure styled as one. */
export interface Status {
  text: string;
  error: boolean;
}
export const saved = (text: string): Status => ({ text, error: false });
export const failure = (text: string): Status => ({ text, error: true });

export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ComponentChildren;
  testId: string;
}) {
  const id = useId();
  return (
    <section class="op-section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} class="op-h2">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Toggle(props: {
  checked: boolean;
  label: string;
  hint?: string;
  onChange: (checked: boolean) => void;
  testId: string;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div class="op-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
        data-testid={props.testId}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} class="op-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** A result line under a button ("History cleared", the last update check), an error styled as one. */
export function ResultLine({ status, testId }: { status: Status; testId: string }) {
  return (
    <p
      class={status.error ? 'op-result op-result--error' : 'op-result'}
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-error={status.error ? 'true' : undefined}
    >
      {status.text}
    </p>
  );
}
