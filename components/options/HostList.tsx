/**
 * A list of sites (the allow or the deny list): a form to add a host, and the hosts, each with a
 * remove button and, on the allow list, whether the browser granted access to it.
 */
import { useId, useState } from 'preact/hooks';
import { normaliseHost } from '../../lib/settings/settings';
import { t } from '../../lib/ui/i18n';

/**
 * The allow list's access: whether the browser granted a host, and the request for it. `request`
 * is called first thing in the submit or click (the user's gesture), before the list is saved.
 */
export interface HostAccess {
  has: (host: string) => boolean;
  request: (host: string) => Promise<boolean>;
}

interface HostListProps {
  title: string;
  hint: string;
  hosts: readonly string[];
  onChange: (hosts: string[]) => void;
  testId: string;
  access?: HostAccess;
}

export function HostList(props: HostListProps) {
  const add = (host: string) => {
    if (props.hosts.includes(host)) return;
    // Saved whatever the answer: a site without access is listed as such, with its own button.
    if (props.access) void props.access.request(host).finally(() => props.onChange([...props.hosts, host]));
    else props.onChange([...props.hosts, host]);
  };
  return (
    <div class="op-hosts" data-testid={props.testId}>
      <AddHost title={props.title} hint={props.hint} onAdd={add} />
      {props.hosts.length === 0 ? (
        <p class="op-hint">{t('optionsHostsEmpty')}</p>
      ) : (
        <ul class="op-hostlist">
          {props.hosts.map((host) => (
            <HostRow
              key={host}
              host={host}
              access={props.access}
              onRemove={() => props.onChange(props.hosts.filter((h) => h !== host))}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The host field: a typed host is normalised ("https://www.Example.com/x" → "www.example.com"). */
function AddHost(props: { title: string; hint: string; onAdd: (host: string) => void }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const submit = (event: Event) => {
    event.preventDefault();
    const host = normaliseHost(draft);
    if (host === null) {
      setError(t('optionsHostInvalid', draft.trim()));
      return;
    }
    setError('');
    setDraft('');
    props.onAdd(host);
  };
  return (
    <form class="op-row" onSubmit={submit}>
      <label for={inputId} class="op-label">
        {props.title}
      </label>
      <div class="op-inline">
        <input
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          class="op-input"
          placeholder="example.com"
          value={draft}
          aria-describedby={`${hintId}${error ? ` ${errorId}` : ''}`}
          aria-invalid={error ? 'true' : undefined}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="us-btn">
          {t('optionsHostAdd')}
        </button>
      </div>
      <p id={hintId} class="op-hint">
        {props.hint}
      </p>
      {error && (
        <p id={errorId} class="op-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function HostRow({ host, access, onRemove }: { host: string; access?: HostAccess; onRemove: () => void }) {
  return (
    <li>
      <span>{host}</span>
      {access && !access.has(host) && (
        <>
          <span class="op-hint op-noaccess" data-testid="host-no-access">
            {t('optionsAccessSiteMissing')}
          </span>
          <button
            type="button"
            class="us-btn"
            onClick={() => void access.request(host)}
            data-testid="host-grant"
          >
            {t('optionsAccessSiteGrant', host)}
          </button>
        </>
      )}
      <button
        type="button"
        class="us-btn op-remove"
        aria-label={t('optionsHostRemoveLabel', host)}
        onClick={onRemove}
      >
        {t('optionsHostRemove')}
      </button>
    </li>
  );
}
