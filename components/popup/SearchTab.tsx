/**
 * "Search": every signatory and actor of the data set, forgiving case, accents and small typos
 * (the background's searchPeople). Each result shows its status and its best sources. No result
 * says "not found among the published names", never "did not sign": only ~40 of 400+ are public.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { DataBundle, Entity } from '../../lib/data/model';
import { sendToBackground } from '../../lib/messaging/protocol';
import type { PeopleSearchResult } from '../../lib/store/search';
import { t } from '../../lib/ui/i18n';
import { reportedTotalShort } from '../card/format';
import { SourceList } from '../card/SourceList';
import { evidenceLine, STATUS_LABEL_KEY, statusVariant } from '../card/status';
import { StatusBlock } from '../card/StatusBlock';

/** Long enough to skip a request per keystroke, short enough to feel immediate. */
const DEBOUNCE_MS = 150;
const LIMIT = 8;

type State =
  | { kind: 'idle' }
  | { kind: 'done'; query: string; results: PeopleSearchResult[] }
  | { kind: 'failed'; query: string };

function statusDetail(entity: Entity): string | null {
  const variant = statusVariant(entity);
  if (variant === 'unconfirmed') return entity.note;
  if (variant === 'actor') return entity.role && entity.relation ? entity.relation : null;
  return evidenceLine(entity);
}

/** One search result: the status, its evidence and best sources (exported for the tests). */
export function SearchResult({ entity }: { entity: Entity }) {
  const variant = statusVariant(entity);
  const label = t(STATUS_LABEL_KEY[variant], entity.role ?? entity.relation ?? '');
  const detail = statusDetail(entity);
  const subtitle = variant === 'actor' ? null : entity.role;
  return (
    <li class="pp-result" data-testid="search-result" data-id={entity.id}>
      <p class="pp-result__name">{entity.name}</p>
      {subtitle && <p class="pp-row__role">{subtitle}</p>}
      <StatusBlock variant={variant} label={label}>
        {detail && <p class="us-status__detail">{detail}</p>}
        <SourceList
          sources={entity.sources}
          max={3}
          label={variant === 'signed' || variant === 'organiser' ? t('cardBestSources') : t('cardSources')}
          inline
        />
      </StatusBlock>
    </li>
  );
}

/** The answer to the query, asked once the typing pauses; an older answer never replaces a newer. */
function useSearch(query: string): State {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const latest = useRef(0);
  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === '') {
      setState({ kind: 'idle' });
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      sendToBackground('searchPeople', { query: trimmed, limit: LIMIT }).then(
        (results) => ticket === latest.current && setState({ kind: 'done', query: trimmed, results }),
        () => ticket === latest.current && setState({ kind: 'failed', query: trimmed }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  return state;
}

/** What a screen reader hears after each search: how many results, or that it failed. */
function announcement(state: State): string {
  if (state.kind === 'failed') return t('popupSearchFailed');
  if (state.kind !== 'done') return '';
  const n = state.results.length;
  return n === 0 ? t('popupSearchNone') : n === 1 ? t('popupSearchOne') : t('popupSearchMany', String(n));
}

export function SearchTab({ counts }: { counts: DataBundle['counts'] | null }) {
  const [query, setQuery] = useState('');
  const state = useSearch(query);
  const published = counts ? String(counts.signatoriesPublished) : '';
  const total = counts ? reportedTotalShort(counts) : '';

  return (
    <div class="pp-search">
      <SearchForm query={query} setQuery={setQuery} hint={t('popupSearchHint', [published, total])} />
      <p class="us-sr" role="status" aria-live="polite">
        {announcement(state)}
      </p>
      {state.kind === 'done' && state.results.length === 0 && (
        <div data-testid="search-none">
          <StatusBlock variant="notFound" label={t('cardNotFoundLabel')}>
            <p class="us-status__detail">{t('cardNotFoundDetail', [state.query, published, total])}</p>
          </StatusBlock>
          <p class="us-muted">{t('cardNotFoundWhy', [published, total])}</p>
        </div>
      )}
      {state.kind === 'failed' && (
        <p class="pp-empty__title pp-error" data-testid="search-failed">
          {t('popupSearchFailed')}
        </p>
      )}
      {state.kind === 'done' && state.results.length > 0 && (
        <ul class="pp-results" data-testid="search-results">
          {state.results.map(({ entity }) => (
            <SearchResult key={entity.id} entity={entity} />
          ))}
        </ul>
      )}
    </div>
  );
}

function SearchForm(props: { query: string; setQuery: (query: string) => void; hint: string }) {
  const inputId = useId();
  const hintId = useId();
  return (
    <form role="search" class="pp-search__form" onSubmit={(event) => event.preventDefault()}>
      <label for={inputId} class="pp-label">
        {t('popupSearchLabel')}
      </label>
      <input
        id={inputId}
        type="search"
        class="pp-input"
        autoComplete="off"
        spellcheck={false}
        placeholder={t('popupSearchPlaceholder')}
        aria-describedby={hintId}
        value={props.query}
        onInput={(event) => props.setQuery(event.currentTarget.value)}
        data-testid="search-input"
      />
      <p id={hintId} class="us-muted pp-hint">
        {props.hint}
      </p>
    </form>
  );
}
