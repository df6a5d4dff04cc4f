/**
 * A row of the roster of "This page" (a person or a topic): a button that reveals its first
 * mention on the page, with its status badge and number of marks.
 */
import { Icon } from '../card/icons';
import { plural } from './common';
import { StatusBadge, type BadgeVariant } from './StatusBadge';

/** One person or topic of the roster: a button that reveals its first mention on the page. */
export function RosterRow(props: {
  id: string;
  testId: string;
  name: string;
  /** A topic's term (styled as a term, no role line). */
  term?: boolean;
  role?: string | null;
  badge: BadgeVariant;
  mentions: number;
  onChoose: () => void;
}) {
  return (
    <li>
      <button
        type="button"
        class="pp-row"
        data-id={props.id}
        data-testid={props.testId}
        onClick={props.onChoose}
      >
        <span class="pp-row__main">
          <span class={props.term ? 'pp-row__name pp-row__name--term' : 'pp-row__name'}>{props.name}</span>
          {props.role && <span class="pp-row__role">{props.role}</span>}
        </span>
        <span class="pp-row__side">
          <StatusBadge variant={props.badge} />
          <span class="pp-row__count">{plural(props.mentions, 'popupMentionsOne', 'popupMentionsMany')}</span>
        </span>
        <Icon name="chevron" class="us-icon pp-row__go" />
      </button>
    </li>
  );
}
