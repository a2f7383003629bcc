/**
 * The bar on every screen: ward name, language, large text, high contrast,
 * voice guidance ("Đọc to", "Tự đọc"), help and (during a session)
 * "Về màn hình đầu / Thoát" — which, once an application has been sent, goes
 * to the rating screen instead of asking (`onExit`).
 */
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import { Icon } from '../ui/Icon.tsx';
import { loc } from '../i18n/index.ts';
import { useVoice } from '../voice/context.ts';
import { useKiosk } from './context.ts';
import type { KioskRequestView } from '../../../common/contract/hub-kiosk.ts';

export function Toolbar(props: { screen: string; showLanguage?: boolean; onExit?: () => void; onHelp?: (view: KioskRequestView) => void }) {
  const k = useKiosk();
  const voice = useVoice();
  const { t } = k;
  const [helpShown, setHelpShown] = useState(false);
  const [confirmExit, setConfirmExit] = useState(false);
  const [busy, setBusy] = useState(false);

  const askHelp = async () => {
    try {
      const r = await k.client.call('help.request', { screen: props.screen.slice(0, 64) });
      // With a hub, volunteers are ringing: the call panel takes over; without one the request is recorded.
      if (r.status === 'ringing' && r.request && props.onHelp) props.onHelp(r.request);
      else setHelpShown(true);
    } catch (e) {
      k.reportError(e);
    }
  };

  const exit = async () => {
    setBusy(true);
    await k.endSession('cancelled');
  };

  return (
    <header className={`topbar topbar-corner-${k.info.staffExit.corner}`}>
      <div className="topbar-ward">
        <span className="topbar-emblem" aria-hidden="true">
          ★
        </span>
        <span>{loc(k.lang, k.info.ward.name)}</span>
      </div>
      {voice?.available ? (
        <div className="seg topbar-voice" role="group" aria-label={t('voiceRead')}>
          <button type="button" className="btn btn-tool" data-testid="voice" onClick={voice.readScreen}>
            <Icon name="speaker" className="tool-icon" />
            {t('voiceRead')}
          </button>
          <button type="button" role="switch" className="btn btn-tool" data-testid="voice-auto" aria-checked={voice.auto} onClick={voice.toggleAuto}>
            <span className="switch-box" aria-hidden="true">
              {voice.auto ? '✓' : ''}
            </span>
            {t('voiceAuto')}
          </button>
        </div>
      ) : null}
      <nav className="topbar-tools" aria-label={t('toolsLabel')}>
        {props.showLanguage !== false ? (
          <div className="seg" role="group" aria-label={t('langGroup')}>
            <button type="button" lang="vi" className="btn btn-tool" data-testid="lang-vi" aria-pressed={k.lang === 'vi'} onClick={() => k.setLang('vi')}>
              {k.lang === 'vi' ? <span aria-hidden="true">✓ </span> : null}
              {t('langVi')}
            </button>
            <button type="button" lang="en" className="btn btn-tool" data-testid="lang-en" aria-pressed={k.lang === 'en'} onClick={() => k.setLang('en')}>
              {k.lang === 'en' ? <span aria-hidden="true">✓ </span> : null}
              {t('langEn')}
            </button>
          </div>
        ) : null}
        <button type="button" role="switch" className="btn btn-tool" data-testid="toggle-large" aria-checked={k.largeText} onClick={k.toggleLargeText}>
          <span className="switch-box" aria-hidden="true">
            {k.largeText ? '✓' : ''}
          </span>
          <span className="tool-big-a" aria-hidden="true">
            A
          </span>{' '}
          {t('largeText')}
        </button>
        <button type="button" role="switch" className="btn btn-tool" data-testid="toggle-contrast" aria-checked={k.highContrast} onClick={k.toggleHighContrast}>
          <span className="switch-box" aria-hidden="true">
            {k.highContrast ? '✓' : ''}
          </span>
          <span className="tool-contrast" aria-hidden="true">
            ◐
          </span>{' '}
          {t('highContrast')}
        </button>
        <button type="button" className="btn btn-help" data-testid="help" onClick={askHelp}>
          <span aria-hidden="true">?</span> {t('help')}
        </button>
        {k.sessionActive ? (
          <button type="button" className="btn btn-exit" data-testid="exit" onClick={() => (props.onExit ? props.onExit() : setConfirmExit(true))}>
            <span aria-hidden="true">⌂</span> {t('exit')}
          </button>
        ) : null}
      </nav>

      <div className="help-notice" role="status">
        {helpShown ? (
          <>
            <p data-testid="help-notice">{t('helpRecorded')}</p>
            <button type="button" className="btn btn-secondary" onClick={() => setHelpShown(false)}>
              {t('close')}
            </button>
          </>
        ) : null}
      </div>

      {confirmExit ? (
        <Dialog
          id="exit-confirm"
          title={t('exitConfirmTitle')}
          testId="exit-confirm"
          actions={
            <>
              <button type="button" className="btn btn-danger" data-testid="exit-yes" disabled={busy} onClick={exit}>
                {t('exitConfirmYes')}
              </button>
              <button type="button" className="btn btn-secondary" data-testid="exit-no" data-autofocus onClick={() => setConfirmExit(false)}>
                {t('exitConfirmNo')}
              </button>
            </>
          }
        >
          <p>{t('exitConfirmBody')}</p>
        </Dialog>
      ) : null}
    </header>
  );
}
