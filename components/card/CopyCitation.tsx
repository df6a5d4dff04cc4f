/**
 * "Copy citation": the clipboard is injected (`copy`), so the card does no messaging and the test
 * sees exactly what would be copied. The result is shown and announced in one polite live region
 * that is always in the DOM (a region added at the same time as its text is often not read).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/ui/i18n';
import { Icon } from './icons';

export type CopyCitationProps = {
  text: string;
  copy: (text: string) => Promise<void>;
};

/** How long "Copied" stays before the region empties (long enough to read). */
const RESULT_MS = 4000;

export function CopyCitation({ text, copy }: CopyCitationProps) {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (result === 'idle') return;
    const timer = setTimeout(() => setResult('idle'), RESULT_MS);
    return () => clearTimeout(timer);
  }, [result]);

  const onClick = () => {
    setResult('idle');
    copy(text).then(
      () => setResult('copied'),
      () => setResult('failed'),
    );
  };

  return (
    <div class="us-copy">
      <button type="button" class="us-btn" onClick={onClick} data-testid="copy-citation">
        <Icon name="copy" />
        {t('cardCopyCitation')}
      </button>
      <span class={`us-copy__result us-copy__result--${result}`} role="status" aria-live="polite">
        {result === 'copied' ? t('cardCopied') : result === 'failed' ? t('cardCopyFailed') : ''}
      </span>
    </div>
  );
}
