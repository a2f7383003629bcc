/**
 * Home (categories + most used services) and a category's list of services.
 */
import type { Service } from '../../../kiosk-config/catalogue.schema.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { Icon } from '../ui/Icon.tsx';
import { BackButton, Screen } from '../ui/Screen.tsx';
import { popularServices, servicesIn } from './catalogue.ts';

function ServiceButton(props: { service: Service; onOpen: (code: string) => void }) {
  const k = useKiosk();
  const s = props.service;
  return (
    <li>
      <button type="button" className="service-row" data-testid={`service-${s.code}`} onClick={() => props.onOpen(s.code)}>
        <span className="service-row-name">{loc(k.lang, s.name)}</span>
        <span className="service-row-summary">{loc(k.lang, s.summary)}</span>
        <span className="service-row-go" aria-hidden="true">
          →
        </span>
      </button>
    </li>
  );
}

export function Home(props: { onCategory: (id: string) => void; onService: (code: string) => void; onSearch: () => void; onTrack: () => void }) {
  const k = useKiosk();
  const { t } = k;
  const popular = popularServices(k.catalogue.services);
  const counts = new Map(k.catalogue.categories.map((c) => [c.id, servicesIn(k.catalogue, c.id).length]));
  return (
    <Screen name="home" title={t('homeTitle')} lead={t('homeLead')}>
      <div className="home-actions">
        <button type="button" className="big-action big-action-search" data-testid="open-search" onClick={props.onSearch}>
          <Icon name="search" className="big-action-icon" />
          <span className="big-action-text">
            <span className="big-action-name">{t('openSearch')}</span>
            <span className="big-action-hint">{t('openSearchHint')}</span>
          </span>
        </button>
        <button type="button" className="big-action big-action-track" data-testid="open-track" onClick={props.onTrack}>
          <Icon name="track" className="big-action-icon" />
          <span className="big-action-text">
            <span className="big-action-name">{t('openTrack')}</span>
            <span className="big-action-hint">{t('openTrackHint')}</span>
          </span>
        </button>
      </div>
      {popular.length > 0 ? (
        <section aria-labelledby="h-popular" className="section">
          <h2 id="h-popular">{t('popularTitle')}</h2>
          <ul className="service-list service-list-popular">
            {popular.map((s) => (
              <ServiceButton key={s.code} service={s} onOpen={props.onService} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="h-categories" className="section">
        <h2 id="h-categories">{t('categoriesTitle')}</h2>
        <ul className="tiles">
          {k.catalogue.categories.map((c) => (
            <li key={c.id}>
              <button type="button" className="tile" data-testid={`category-${c.id}`} onClick={() => props.onCategory(c.id)}>
                <Icon name={c.icon} className="tile-icon" />
                <span className="tile-name">{loc(k.lang, c.name)}</span>
                <span className="tile-desc">{loc(k.lang, c.description)}</span>
                <span className="tile-count">{t('servicesCount', { n: counts.get(c.id) ?? 0 })}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {k.catalogue.problems.length > 0 ? (
        <p className="note" data-testid="catalogue-problems">
          {t('catalogueProblems', { n: k.catalogue.problems.length })}
        </p>
      ) : null}
    </Screen>
  );
}

export function CategoryPage(props: { id: string; onBack: () => void; onService: (code: string) => void }) {
  const k = useKiosk();
  const { t } = k;
  const category = k.catalogue.categories.find((c) => c.id === props.id);
  const services = servicesIn(k.catalogue, props.id);
  return (
    <Screen
      name="category"
      above={<BackButton onClick={props.onBack} label={t('back')} />}
      title={
        <>
          {category ? <Icon name={category.icon} className="title-icon" /> : null}
          {category ? loc(k.lang, category.name) : props.id}
        </>
      }
      lead={services.length > 0 ? t('categoryLead') : t('categoryEmpty')}
    >
      <ul className="service-list">
        {services.map((s) => (
          <ServiceButton key={s.code} service={s} onOpen={props.onService} />
        ))}
      </ul>
    </Screen>
  );
}
