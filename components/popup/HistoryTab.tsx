/**
 * "History": recent pages where people were found, and per person "where you read about them".
 * Everything stays in this browser; clearing the history lives in the settings.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Entity } from '../../lib/data/model';
import { sendToBackground } from '../../lib/messaging/protocol';
import type { HistoryEntry } from '../../lib/store/history';
import { t } from '../../lib/ui/i18n';
import { formatList } from '../card/format';
import { hostOf } from '../card/sources';
import { EmptyState, Loading, TitledList } from './common';
import { personGroup } from './data';
import { StatusBadge, badgeVariant } from './StatusBadge';

const RECENT = 30;
const NAMES_SHOWN = 4;

type State =
  | { kind: 'loading' }
  | { kind: 'off' }
  | { kind: 'failed' }
  | { kind: 'ready'; entries: HistoryEntry[]; people: Map<string, Entity> };

/** "29 Nov 2026, 14:05" in the reader's locale and time zone (this is their own reading). */
export function formatVisit(time: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(time));
}

function PageLink({ entry }: { entry: HistoryEntry }) {
  return (
    <>
      <a href={entry.url} target="_blank" rel="noopener noreferrer" class="pp-history__link">
        {entry.title || entry.url}
        <span class="us-sr"> {t('cardOpensInNewTab')}</span>
      </a>
      <span class="pp-history__meta">
        {hostOf(entry.url)} ·{' '}
        <time dateTime={new Date(entry.time).toISOString()}>{formatVisit(entry.time)}</time>
      </span>
    </>
  );
}

function PersonPages({ entity, pages }: { entity: Entity; pages: number }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const regionId = useId();
  const toggle = () => {
    setOpen(!open);
    if (!open && entries === null) {
      sendToBackground('getHistory', { entityId: entity.id, limit: 50 }).then(setEntries, () =>
        setEntries([]),
      );
    }
  };
  return (
    <li class="pp-person" data-testid="history-person" data-id={entity.id}>
      <button
        type="button"
        class="pp-row pp-row--disclosure"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={regionId}
        onClick={toggle}
      >
        <span class="pp-row__main">
          <span class="pp-row__name">{entity.name}</span>
          <span class="pp-row__role">
            {pages === 1 ? t('popupHistoryPagesOne') : t('popupHistoryPagesMany', String(pages))}
          </span>
        </span>
        <span class="pp-row__side">
          <StatusBadge variant={badgeVariant(entity)} />
        </span>
      </button>
      <div id={regionId} hidden={!open}>
        {open && (
          <>
            <p class="us-h3 pp-h">{t('popupHistoryWhere', entity.name)}</p>
            {entries === null ? (
              <p class="us-muted">{t('popupLoading')}</p>
            ) : (
              <ul class="pp-history" data-testid="history-person-pages">
                {entries.map((entry) => (
                  <li key={entry.url}>
                    <PageLink entry={entry} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </li>
  );
}

/** The recent pages and the people they name, or why there are none. */
function useHistory(): State {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    (async () => {
      const settings = await sendToBackground('getSettings', null);
      if (!settings.history) return { kind: 'off' } as const;
      const entries = await sendToBackground('getHistory', { limit: RECENT });
      const ids = [...new Set(entries.flatMap((e) => e.people.map((p) => p.id)))];
      const found = await Promise.all(
        ids.map((id) => sendToBackground('getEntity', { id }).catch(() => null)),
      );
      const people = new Map(found.filter((e): e is Entity => e !== null).map((e) => [e.id, e]));
      return { kind: 'ready', entries, people } as const;
    })().then(
      (next) => current && setState(next),
      () => current && setState({ kind: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}

export function HistoryTab() {
  const state = useHistory();
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'failed')
    return (
      <p class="pp-empty__title pp-error" role="alert" data-testid="history-failed">
        {t('popupHistoryFailed')}
      </p>
    );
  if (state.kind === 'off') {
    return (
      <EmptyState testId="history-off" title={t('popupHistoryOff')} hint={t('popupHistoryOffHint')}>
        <button type="button" class="us-btn" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupOpenSettings')}
        </button>
      </EmptyState>
    );
  }
  if (state.entries.length === 0) {
    return (
      <EmptyState testId="history-empty" title={t('popupHistoryEmpty')} hint={t('popupHistoryEmptyHint')} />
    );
  }
  return (
    <div class="pp-historytab">
      <RecentPages entries={state.entries} people={state.people} />
      <PeopleByPages entries={state.entries} people={state.people} />
    </div>
  );
}

interface HistoryProps {
  entries: HistoryEntry[];
  people: Map<string, Entity>;
}

/** The recent pages, each with the first few people it names. */
function RecentPages({ entries, people }: HistoryProps) {
  return (
    <TitledList heading={t('popupHistoryRecent')} listClass="pp-history" testId="history-recent">
      {entries.map((entry) => {
        // Signatories first, as everywhere in the popup.
        const names = entry.people
          .map((p) => people.get(p.id))
          .filter((e): e is Entity => e !== undefined)
          .sort((a, b) => personGroup(a) - personGroup(b))
          .map((e) => e.name);
        const shown = names.slice(0, NAMES_SHOWN);
        const more = names.length - shown.length;
        return (
          <li key={entry.url} data-testid="history-entry">
            <PageLink entry={entry} />
            {shown.length > 0 && (
              <span class="pp-history__names">
                {more > 0 ? t('popupHistoryNamesMore', [shown.join(', '), String(more)]) : formatList(shown)}
              </span>
            )}
          </li>
        );
      })}
    </TitledList>
  );
}

/** The people of the recent pages, by how many of those pages name them, then by name. */
function PeopleByPages({ entries, people }: HistoryProps) {
  const pagesOf = new Map<string, number>();
  for (const entry of entries) for (const p of entry.people) pagesOf.set(p.id, (pagesOf.get(p.id) ?? 0) + 1);
  const byPages = [...people.values()].sort(
    (a, b) => (pagesOf.get(b.id) ?? 0) - (pagesOf.get(a.id) ?? 0) || a.name.localeCompare(b.name),
  );
  return (
    <TitledList heading={t('popupHistoryPeople')} listClass="pp-roster">
      {byPages.map((entity) => (
        <PersonPages key={entity.id} entity={entity} pages={pagesOf.get(entity.id) ?? 0} />
      ))}
    </TitledList>
  );
}
