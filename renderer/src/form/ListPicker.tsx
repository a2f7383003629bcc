/**
 * A choice from a long list (ethnic groups, nationalities, a `select` question):
 * a search field typed on the on-screen keyboard, matching without diacritics
 * ("e de" finds Ê-đê), and the first matches as large buttons. The list's first
 * entries (Kinh, Việt Nam) show before anything is typed.
 */
import { useState } from 'react';
import { fold } from '../../../common/text/fold.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { TextKeyboard } from '../keyboard/TextKeyboard.tsx';

export interface ListOption {
  value: string;
  label: { vi: string; en: string };
}

const SHOWN = 6;

export function ListPicker(props: { id: string; options: readonly ListOption[]; value: string; onChange: (v: string) => void; labelledBy: string; describedBy: string | undefined }) {
  const { t, lang } = useKiosk();
  const [query, setQuery] = useState('');
  const q = fold(query);
  const matches = (q === '' ? props.options : props.options.filter((o) => fold(o.label.vi).includes(q) || fold(o.label.en).includes(q))).slice(0, SHOWN);
  const chosen = props.options.find((o) => o.value === props.value);
  const searchId = `${props.id}-search`;
  return (
    <div className="list-picker">
      {chosen ? (
        <p className="notice list-chosen" data-testid="list-chosen">
          {t('listChosen', { label: loc(lang, chosen.label) })}
        </p>
      ) : null}
      <label className="list-search-label" htmlFor={searchId}>
        {t('listSearch')}
      </label>
      <input id={searchId} className="input" data-testid="list-search" type="text" value={query} inputMode="none" autoComplete="off" spellCheck={false} onChange={(e) => setQuery(e.target.value)} />
      <div className="choices" role="radiogroup" aria-labelledby={props.labelledBy} aria-describedby={props.describedBy} data-testid="question-input">
        {matches.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={props.value === o.value} className="choice" data-testid={`choice-${o.value}`} onClick={() => props.onChange(o.value)}>
            <span className="choice-dot" aria-hidden="true">
              {props.value === o.value ? '●' : ''}
            </span>
            <span>{loc(lang, o.label)}</span>
            {props.value === o.value ? <span className="choice-selected">{t('selected')}</span> : null}
          </button>
        ))}
        {matches.length === 0 ? <p className="hint">{t('listNoMatch')}</p> : null}
      </div>
      <TextKeyboard value={query} onChange={setQuery} maxLength={40} controls={searchId} />
    </div>
  );
}
