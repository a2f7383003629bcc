/**
 * Find a service by typing: the search box takes only the on-screen keyboard
 * (inputMode="none"), results update on every key, matched words emphasised.
 * The search itself is common/text/search.ts (forgives missing diacritics,
 * Telex/VNI-typed words and one typo).
 */
import { useMemo, useState } from 'react';
import { createSearchIndex } from '../../../common/text/search.ts';
import type { Service } from '../../../kiosk-config/catalogue.schema.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { TextKeyboard } from '../keyboard/TextKeyboard.tsx';
import { BackButton, Screen } from '../ui/Screen.tsx';
import { highlight } from './highlight.ts';

const MAX_RESULTS = 6;
const MAX_QUERY = 60;

export function OnlineBadge(props: { level: Service['online']['level'] }) {
  const { t } = useKiosk();
  const l = props.level;
  return (
    <span className={`badge badge-small online-${l}`}>
      <span aria-hidden="true">{l === 'toan-trinh' ? '✓ ' : l === 'mot-phan' ? '◐ ' : '✕ '}</span>
      {l === 'toan-trinh' ? t('onlineFull') : l === 'mot-phan' ? t('onlinePartial') : t('onlineNone')}
    </span>
  );
}

export function SearchScreen(props: { onBack: () => void; onService: (code: string) => void }) {
  const k = useKiosk();
  const { t, lang } = k;
  const [query, setQuery] = useState('');
  const index = useMemo(() => createSearchIndex(k.catalogue.services, k.catalogue.categories), [k.catalogue]);
  const categories = useMemo(() => new Map(k.catalogue.categories.map((c) => [c.id, c])), [k.catalogue]);
  const hits = useMemo(() => (query.trim() === '' ? [] : index.search(query, lang, MAX_RESULTS)), [index, query, lang]);
  const suggestions = t('searchSuggestions')
    .split(',')
    .map((s) => s.trim());
  const typed = query.trim() !== '';

  return (
    <Screen name="search" above={<BackButton onClick={props.onBack} label={t('back')} />} title={t('searchTitle')} lead={t('searchLead')}>
      <div className="search-layout">
        <div className="search-entry">
          <label htmlFor="search-input" className="sr-only">
            {t('searchLabel')}
          </label>
          <div className="search-box">
            <svg className="icon search-box-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
              <path d="M21 8a13 13 0 1 0 0 26 13 13 0 1 0 0-26M30 30l10 10" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
            </svg>
            <input
              id="search-input"
              className="input input-search"
              data-lv-public
              data-testid="search-input"
              type="text"
              role="searchbox"
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              placeholder={t('openSearchHint')}
              aria-describedby="search-status"
              value={query}
              maxLength={MAX_QUERY}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <TextKeyboard value={query} onChange={setQuery} maxLength={MAX_QUERY} controls="search-input" />
        </div>

        <section className="search-results" aria-labelledby="search-status">
          <p id="search-status" className="search-status" role="status" data-testid="search-status">
            {typed ? (hits.length > 0 ? t('searchResults', { n: hits.length }) : t('searchNone')) : t('searchEmpty')}
          </p>
          {!typed || hits.length === 0 ? (
            <div className="search-suggest" data-testid="search-empty">
              <p>{t('searchTry')}</p>
              <ul className="chips">
                {suggestions.map((s) => (
                  <li key={s}>
                    <button type="button" className="btn chip" data-testid={`search-suggest-${s}`} onClick={() => setQuery(s)}>
                      {s}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <ul className="service-list search-list">
            {hits.map((h) => {
              const s = h.service;
              const category = categories.get(s.field);
              return (
                <li key={h.code}>
                  <button type="button" className="service-row search-row" data-testid={`search-result-${h.code}`} onClick={() => props.onService(h.code)}>
                    <span className="service-row-name">
                      {highlight(loc(lang, s.name), query).map((seg, i) => (seg.hit ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>))}
                    </span>
                    <span className="search-row-meta">
                      {category ? <span className="search-row-category">{loc(lang, category.name)}</span> : null}
                      <OnlineBadge level={s.online.level} />
                    </span>
                    <span className="service-row-go" aria-hidden="true">
                      →
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </Screen>
  );
}
