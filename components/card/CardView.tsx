/**
 * What the card script renders for a mention: asks the background for the installed data about it,
 * then shows the person's or the topic's card. Loading and failure are said, not left blank.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CardRequest } from '../../lib/content/card-api';
import { sendToBackground, type CardData } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';
import { NotFoundCard } from './NotFoundCard';
import { PersonCard } from './PersonCard';
import { TopicCard } from './TopicCard';

type State = { kind: 'loading' } | { kind: 'ready'; data: CardData } | { kind: 'failed' };

export function CardView({ request, onClose }: { request: CardRequest; onClose: () => void }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const { kind, id } = request.ref;
  // A context-menu lookup of a name the data does not have: only the letter's facts are needed.
  const notFound = request.lookup?.found === false;
  const root = useRef<HTMLDivElement>(null);

  // A keyboard-opened card takes focus once its content is there: the heading, so a screen reader
  // starts at the name (Esc and returning focus are the card script's).
  useEffect(() => {
    if (state.kind === 'ready' && request.takeFocus) {
      root.current?.querySelector<HTMLElement>('[data-card-focus]')?.focus();
    }
  }, [state.kind, request]);

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    (notFound
      ? sendToBackground('getLookupCardData', null)
      : sendToBackground('getCardData', { ref: { kind, id } })
    )
      .then((data) => current && setState(data ? { kind: 'ready', data } : { kind: 'failed' }))
      .catch(() => current && setState({ kind: 'failed' }));
    return () => {
      current = false;
    };
  }, [kind, id, notFound]);

  if (state.kind !== 'ready') {
    return (
      <div class="us-card us-card--status" role="dialog" aria-label={t('extName')} data-testid="card-status">
        <p role="status">{state.kind === 'loading' ? t('cardLoading') : t('cardUnavailable')}</p>
        <button type="button" class="us-close" aria-label={t('cardClose')} onClick={onClose}>
          ×
        </button>
      </div>
    );
  }
  const { data } = state;
  // What every kind of card shows alike: the letter's facts, the data's date and the close button.
  const shared = { letter: data.letter, counts: data.counts, onClose, dataDate: data.dataDate };
  return (
    <div ref={root} class="us-card-view">
      {notFound && request.lookup ? (
        <NotFoundCard query={request.lookup.query} {...shared} />
      ) : data.entity ? (
        <PersonCard entity={data.entity} paragraph={request.paragraph} copy={copyText} {...shared} />
      ) : data.topic ? (
        <TopicCard topic={data.topic} term={request.term} {...shared} />
      ) : null}
    </div>
  );
}

/** The async Clipboard API, which pages may deny a content script; the caller reports failure. */
function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) return Promise.reject(new Error('clipboard unavailable'));
  return navigator.clipboard.writeText(text);
}
