/**
 * Welcome: invites a touch; the language choice; starting creates a session.
 */
import { useState } from 'react';
import { useKiosk } from '../app/context.ts';
import { Toolbar } from '../app/Toolbar.tsx';
import { loc } from '../i18n/index.ts';
import { Icon } from '../ui/Icon.tsx';
import { Screen } from '../ui/Screen.tsx';

export function Welcome() {
  const k = useKiosk();
  const { t } = k;
  const [starting, setStarting] = useState(false);
  const enabled = k.info.languages.enabled;

  const start = async (then: 'home' | 'track' = 'home') => {
    if (starting) return;
    setStarting(true);
    try {
      await k.startSession(then);
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <Toolbar screen="welcome" showLanguage={false} />
      <Screen name="welcome" title={t('welcomeTitle')} lead={t('welcomeLead')}>
        <button type="button" className="welcome-start" data-testid="welcome-start" onClick={() => void start()} aria-busy={starting}>
          <span className="welcome-hand" aria-hidden="true">
            ☝
          </span>
          <span className="welcome-start-text">{t('welcomeStart')}</span>
        </button>
        <button type="button" className="btn btn-secondary btn-xl welcome-track" data-testid="welcome-track" onClick={() => void start('track')}>
          <Icon name="track" className="btn-icon" />
          {t('welcomeTrack')}
        </button>
        {enabled.length > 1 ? (
          <div className="lang-choice" role="group" aria-label={t('langGroup')}>
            {enabled.includes('vi') ? (
              <button type="button" lang="vi" className="btn btn-lang" data-testid="lang-vi" aria-pressed={k.lang === 'vi'} onClick={() => k.setLang('vi')}>
                {k.lang === 'vi' ? <span aria-hidden="true">✓ </span> : null}
                Tiếng Việt
              </button>
            ) : null}
            {enabled.includes('en') ? (
              <button type="button" lang="en" className="btn btn-lang" data-testid="lang-en" aria-pressed={k.lang === 'en'} onClick={() => k.setLang('en')}>
                {k.lang === 'en' ? <span aria-hidden="true">✓ </span> : null}
                English
              </button>
            ) : null}
          </div>
        ) : null}
        <p className="welcome-privacy">
          {t('welcomePrivacy')}
        </p>
        <p className="welcome-contact">
          {t('hotline', { phone: k.info.ward.hotline })}
          <br />
          {t('counterHours', { hours: loc(k.lang, k.info.ward.counterHours) })}
        </p>
      </Screen>
    </>
  );
}

export function Maintenance() {
  const k = useKiosk();
  const { t } = k;
  const message = k.info.maintenance.message;
  return (
    <>
      <Toolbar screen="maintenance" />
      <Screen name="maintenance" title={t('maintenanceTitle')}>
        <p className="maintenance-message" data-testid="maintenance-message">{message ? loc(k.lang, message) : t('maintenanceDefault')}</p>
        {k.info.maintenance.instead ? (
          <p className="maintenance-instead" data-testid="maintenance-instead">
            {t('maintenanceInstead', { place: loc(k.lang, k.info.maintenance.instead) })}
          </p>
        ) : null}
        <p className="welcome-contact">
          {t('hotline', { phone: k.info.ward.hotline })}
          <br />
          {t('counterHours', { hours: loc(k.lang, k.info.ward.counterHours) })}
        </p>
      </Screen>
    </>
  );
}
