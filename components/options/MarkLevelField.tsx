/**
 * The mark level: people only, people and organisations (the default), or everything. A radio
 * group in a fieldset, each choice with its hint tied by aria-describedby, so keyboard and screen
 * reader users get the same words as everyone else.
 */
import { useId } from 'preact/hooks';
import type { MarkLevel } from '../../lib/settings/settings';
import { t } from '../../lib/ui/i18n';

const LEVELS: { value: MarkLevel; label: string; hint: string }[] = [
  { value: 'people', label: 'optionsMarkLevelPeople', hint: 'optionsMarkLevelPeopleHint' },
  {
    value: 'people-organisations',
    label: 'optionsMarkLevelPeopleOrgs',
    hint: 'optionsMarkLevelPeopleOrgsHint',
  },
  { value: 'everything', label: 'optionsMarkLevelEverything', hint: 'optionsMarkLevelEverythingHint' },
];

export function MarkLevelField(props: { value: MarkLevel; onChange: (level: MarkLevel) => void }) {
  const noteId = useId();
  return (
    <fieldset class="op-fieldset" aria-describedby={noteId} data-testid="mark-level">
      <legend class="op-label">{t('optionsMarkLevel')}</legend>
      {LEVELS.map((level) => (
        <div class="op-radio" key={level.value}>
          <input
            type="radio"
            name="markLevel"
            id={`level-${level.value}`}
            value={level.value}
            checked={props.value === level.value}
            aria-describedby={`level-${level.value}-hint`}
            onChange={() => props.onChange(level.value)}
            data-testid={`level-${level.value}`}
          />
          <label for={`level-${level.value}`}>{t(level.label)}</label>
          <p id={`level-${level.value}-hint`} class="op-hint">
            {t(level.hint)}
          </p>
        </div>
      ))}
      <p id={noteId} class="op-hint">
        {t('optionsMarkLevelNote')}
      </p>
    </fieldset>
  );
}
