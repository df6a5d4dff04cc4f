/**
 * The answer to a context-menu lookup that the page could not show (a PDF, a restricted page): the
 * background stores it in storage.session (lookupItem, lib/messaging/storage.ts) and opens the popup, which shows it here.
 * Same wording as the in-page card: the person's status with its sources, or "not found among the
 * published names", which claims nothing about the person.
 *
 * Renders nothing when there is no recent lookup, so the popup can always include it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DataBundle, Entity } from '../../lib/data/model';
import { sendToBackground } from '../../lib/messaging/protocol';
import { lookupItem, type StoredLookup } from '../../lib/messaging/storage';
import { t } from '../../lib/ui/i18n';
import { reportedTotalShort } from '../card/format';
import { copyLabel, pickSources } from '../card/sources';
import { evidenceLine, STATUS_LABEL_KEY, statusVariant } from '../card/status';

/** A lookup older than this belongs to an earlier visit of the popup, not to this opening. */
export const LOOKUP_MAX_AGE_MS = 5 * 60_000;

type Answer =
  | { kind: 'loading' }
  | { kind: 'found'; entity: Entity }
  | { kind: 'notFound'; counts: DataBundle['counts'] | null };

export function LookupPanel({ now = Date.now }: { now?: () => number }) {
  const [lookup, setLookup] = useState<StoredLookup | null>(null);
  const [answer, setAnswer] = useState<Answer>({ kind: 'loading' });

  // The popup may open before the background has stored the answer: follow the key.
  useEffect(() => {
    let current = true;
    const accept = (stored: StoredLookup | null) => {
      if (current) setLookup(stored && now() - stored.at <= LOOKUP_MAX_AGE_MS ? stored : null);
    };
    lookupItem.get().then(accept, () => accept(null));
    const stopWatching = lookupItem.watch(accept);
    return () => {
      current = false;
      stopWatching();
    };
  }, [now]);

  useEffect(() => {
    if (!lookup) return;
    let current = true;
    setAnswer({ kind: 'loading' });
    const load = async (): Promise<Answer> => {
      const entity = lookup.entityId ? await sendToBackground('getEntity', { id: lookup.entityId }) : null;
      if (entity) return { kind: 'found', entity };
      const facts = await sendToBackground('getLookupCardData', null).catch(() => null);
      return { kind: 'notFound', counts: facts?.counts ?? null };
    };
    load()
      .catch((): Answer => ({ kind: 'notFound', counts: null }))
      .then((next) => current && setAnswer(next));
    return () => {
      current = false;
    };
  }, [lookup]);

  if (!lookup) return null;
  const dismiss = () => void lookupItem.remove().catch(() => undefined);

  return (
    <section class="lookup-panel" data-testid="lookup-panel" aria-live="polite">
      <h2 class="lookup-panel__heading">{t('lookupPanelHeading', lookup.query)}</h2>
      {answer.kind === 'loading' ? (
        <p role="status">{t('lookupPanelLoading')}</p>
      ) : answer.kind === 'found' ? (
        <FoundAnswer entity={answer.entity} />
      ) : (
        <NotFoundAnswer query={lookup.query} counts={answer.counts} />
      )}
      <button type="button" class="us-btn lookup-panel__dismiss" onClick={dismiss}>
        {t('lookupPanelDismiss')}
      </button>
    </section>
  );
}

/** A found person's status, evidence and best sources (exported for the tests). */
export function FoundAnswer({ entity }: { entity: Entity }) {
  const variant = statusVariant(entity);
  const sources = pickSources(entity.sources, 3);
  const evidence = evidenceLine(entity);
  return (
    <div data-testid="lookup-found" data-status={variant}>
      <p class="lookup-panel__name">{entity.name}</p>
      <p class={`lookup-panel__status lookup-panel__status--${variant}`}>
        {t(STATUS_LABEL_KEY[variant], entity.role ?? entity.relation ?? '')}
      </p>
      {evidence && <p>{evidence}</p>}
      {variant === 'unconfirmed' && entity.note && <p>{entity.note}</p>}
      {sources.length > 0 && (
        <>
          <p class="lookup-panel__label">{t('lookupPanelSources')}</p>
          <ul class="lookup-panel__sources">
            {sources.map((source) => (
              <li key={source.url}>
                <a href={source.url} target="_blank" rel="noopener noreferrer">
                  {source.outlet}
                </a>
                {source.secondHand === true && <span> · {copyLabel(source)}</span>}
                {source.date && <span> · {source.date}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function NotFoundAnswer({ query, counts }: { query: string; counts: DataBundle['counts'] | null }) {
  // Without the installed counts (the store failed), still never more than "not found".
  const published = counts ? String(counts.signatoriesPublished) : '40';
  const total = counts ? reportedTotalShort(counts) : '400+';
  return (
    <div data-testid="lookup-not-found">
      <p class="lookup-panel__status lookup-panel__status--not-found">{t('cardNotFoundLabel')}</p>
      <p>{t('cardNotFoundDetail', [query, published, total])}</p>
      <p>{t('cardNotFoundWhy', [published, total])}</p>
    </div>
  );
}
