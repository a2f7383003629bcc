/**
 * The kiosk's root: boots against the services, owns the session lifecycle,
 * the language and display switches, the idle warning, the error banner and
 * the staff exit. Layer: renderer.
 *
 * On `session.ended` (any reason) it wipes everything of the resident: the
 * resident tree is remounted with a new key (React state gone), browser
 * storage is wiped (session/wipe.ts), switches go back to the kiosk's
 * defaults, and Welcome shows.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KioskInfo } from '../../../common/contract/kiosk-api.ts';
import type { Catalogue } from '../../../kiosk-config/catalogue.schema.ts';
import type { Connection } from '../api/index.ts';
import { translator, type Lang } from '../i18n/index.ts';
import { strings } from '../i18n/strings.ts';
import { warningDeadline } from '../session/countdown.ts';
import { throttle } from '../session/throttle.ts';
import { wipeRendererStorage } from '../session/wipe.ts';
import { Maintenance, Welcome } from '../screens/Welcome.tsx';
import { KioskContext, type Kiosk } from './context.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { errorText, isNoSession, type Localized } from './errors.ts';
import { ResidentApp } from './ResidentApp.tsx';
import { StaffCorner, StaffPanel } from './StaffExit.tsx';
import { EnrolmentScreen } from '../staff/Enrolment.tsx';
import { TimeoutWarning } from './TimeoutWarning.tsx';
import { VoiceContext, type VoiceControls } from '../voice/context.ts';
import { createSpeaker, screenText } from '../voice/voice.ts';
import { sendScreenshot } from '../fleet/screenshot.ts';

const ACTIVITY_THROTTLE_MS = 2000;
const BOOT_RETRY_MS = 3000;

function applyHtmlState(lang: Lang, large: boolean, contrast: boolean) {
  const html = document.documentElement;
  html.lang = lang;
  html.classList.toggle('large-text', large);
  html.classList.toggle('high-contrast', contrast);
}

interface Booted {
  info: KioskInfo;
  catalogue: Catalogue;
}

export function Root(props: { connection: Connection }) {
  const { client } = props.connection;
  const [booted, setBooted] = useState<Booted | null>(null);
  const [bootFailed, setBootFailed] = useState(false);
  const [lang, setLangState] = useState<Lang>('vi');
  const [largeText, setLargeText] = useState(false);
  const [highContrast, setHighContrast] = useState(false);
  const [sessionActive, setSessionActive] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [deadline, setDeadline] = useState<number | null>(null);
  const [error, setError] = useState<Localized | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  const [staffOpen, setStaffOpen] = useState(false);
  const [staffExiting, setStaffExiting] = useState(false);
  /** Where a new session opens: home, or straight to tracking (welcome's "Tra cứu hồ sơ"). */
  const [entry, setEntry] = useState<'home' | 'track'>('home');
  const [voiceAuto, setVoiceAuto] = useState(false);
  /** The resident asked for reading in this session: the timeout warning is read too. */
  const [voiceUsed, setVoiceUsed] = useState(false);
  const speaker = useMemo(() => createSpeaker(client), [client]);

  const resetToDefaults = useCallback((info: KioskInfo | null) => {
    setLangState(info?.languages.default ?? 'vi');
    setLargeText(info?.accessibility.largeTextDefault ?? false);
    setHighContrast(info?.accessibility.highContrastDefault ?? false);
  }, []);

  const info = booted?.info ?? null;

  /** The wipe. Idempotent: a second call (event after our own end) is harmless. */
  const wipe = useCallback(async () => {
    setSessionActive(false);
    setDeadline(null);
    setGeneration((g) => g + 1);
    resetToDefaults(info);
    setEntry('home');
    setVoiceAuto(false);
    setVoiceUsed(false);
    speaker.stop();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    const report = await wipeRendererStorage();
    if (report.errors.length) console.warn('[renderer] wipe incomplete:', report.errors.join('; '));
  }, [resetToDefaults, info, speaker]);

  // — boot: info + catalogue; a session left over from a reloaded renderer is ended
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const boot = async () => {
      try {
        const [info, catalogue, state] = await Promise.all([client.call('kiosk.info', {}), client.call('catalogue.list', {}), client.call('session.state', {})]);
        if (cancelled) return;
        if (state.active) await client.call('session.end', { reason: 'cancelled' }).catch(() => undefined);
        await wipeRendererStorage();
        if (cancelled) return;
        resetToDefaults(info);
        setBooted({ info, catalogue });
        setBootFailed(false);
      } catch {
        if (cancelled) return;
        setBootFailed(true);
        timer = setTimeout(boot, BOOT_RETRY_MS);
      }
    };
    void boot();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, resetToDefaults]);

  // — events from the services
  useEffect(() => {
    const offs = [
      client.on('session.warning', (p) => {
        if (sessionActive) setDeadline(warningDeadline(p, Date.now()));
      }),
      client.on('session.extended', () => setDeadline(null)),
      client.on('session.ended', () => void wipe()),
      client.on('kiosk.changed', (info) => {
        setBooted((b) => (b ? { ...b, info } : b));
        client.call('catalogue.list', {}).then(
          (catalogue) => setBooted((b) => (b ? { ...b, catalogue } : b)),
          () => undefined,
        );
      }),
      client.on('staff.exit', () => setStaffExiting(true)),
      // Ward staff asked for a screenshot: a masked snapshot, never the resident's data.
      client.on('fleet.screenshot', ({ requestId }) => void sendScreenshot(client, requestId).catch(() => undefined)),
    ];
    return () => offs.forEach((off) => off());
  }, [client, wipe, sessionActive]);

  // — connection: while the loopback socket is down say so; when it is back, check the session
  useEffect(
    () =>
      props.connection.onStatus((status) => {
        if (status === 'reconnecting') setReconnecting(true);
        if (status === 'open') {
          setReconnecting(false);
          if (sessionActive) {
            client.call('session.state', {}).then(
              (s) => {
                if (!s.active) void wipe();
              },
              () => undefined,
            );
          }
        }
      }),
    [props.connection, client, wipe, sessionActive],
  );

  // — activity: every pointerdown during a session, at most once per 2 s
  useEffect(() => {
    if (!sessionActive) return;
    const ping = throttle(() => {
      client.call('session.activity', {}).catch(() => undefined); // a lost session arrives as session.ended
    }, ACTIVITY_THROTTLE_MS);
    document.addEventListener('pointerdown', ping, { capture: true, passive: true });
    return () => document.removeEventListener('pointerdown', ping, { capture: true });
  }, [sessionActive, client]);

  // — html classes and lang
  useEffect(() => applyHtmlState(lang, largeText, highContrast), [lang, largeText, highContrast]);

  const reportError = useCallback(
    (e: unknown) => {
      setError(errorText(e));
      if (isNoSession(e) && sessionActive) void wipe();
    },
    [wipe, sessionActive],
  );
  const clearError = useCallback(() => setError(null), []);

  const setLang = useCallback(
    (l: Lang) => {
      setLangState(l);
      if (sessionActive) client.call('session.setLanguage', { lang: l }).catch(reportError);
    },
    [client, reportError, sessionActive],
  );

  const startSession = useCallback(async (then: 'home' | 'track' = 'home') => {
    try {
      const s = await client.call('session.start', { lang });
      setError(null);
      setEntry(then);
      setSessionActive(s.active);
    } catch (e) {
      reportError(e);
    }
  }, [client, lang, reportError]);

  const endSession = useCallback(
    async (reason: 'finished' | 'cancelled') => {
      try {
        await client.call('session.end', { reason });
      } catch {
        // Privacy first: the renderer wipes even if the services could not be told.
      }
      await wipe();
    },
    [client, wipe],
  );

  const t = useMemo(() => translator(lang), [lang]);

  // — voice guidance: UI text only (the heading and [data-voice] instructions)
  const voiceAvailable = booted?.info.accessibility.voiceGuidance ?? false;
  const readNow = useCallback(
    (manual: boolean) => {
      // After React has painted the new screen.
      setTimeout(() => {
        const text = screenText(document);
        if (!text) return;
        speaker.speak(text, lang).catch((e: unknown) => {
          if (manual) reportError(e);
        });
      }, 60);
    },
    [speaker, lang, reportError],
  );
  const voice: VoiceControls = useMemo(
    () => ({
      available: voiceAvailable,
      auto: voiceAuto,
      toggleAuto: () => {
        if (voiceAuto) speaker.stop();
        else {
          setVoiceUsed(true);
          readNow(true);
        }
        setVoiceAuto(!voiceAuto);
      },
      readScreen: () => {
        setVoiceUsed(true);
        readNow(true);
      },
      screenShown: () => {
        // A new screen: read it when "Tự đọc" is on, else stop reading the last one.
        if (voiceAvailable && voiceAuto) readNow(false);
        else speaker.stop();
      },
      announce: (text: string) => {
        if (voiceAvailable && (voiceAuto || voiceUsed)) speaker.speak(text, lang).catch(() => undefined);
      },
    }),
    [voiceAvailable, voiceAuto, voiceUsed, speaker, readNow, lang],
  );
  const kiosk: Kiosk | null = useMemo(
    () =>
      booted
        ? {
            client,
            info: booted.info,
            catalogue: booted.catalogue,
            lang,
            t,
            setLang,
            largeText,
            highContrast,
            toggleLargeText: () => setLargeText((v) => !v),
            toggleHighContrast: () => setHighContrast((v) => !v),
            sessionActive,
            startSession,
            endSession,
            reportError,
            clearError,
          }
        : null,
    [booted, client, lang, t, setLang, largeText, highContrast, sessionActive, startSession, endSession, reportError, clearError],
  );

  if (!booted || !kiosk) {
    return (
      <main className="screen screen-connecting" data-screen="connecting" aria-busy="true">
        <h1 className="screen-title">{strings.appTitle[lang]}</h1>
        <p className="lead" role="status">
          {bootFailed ? strings.connectFailed[lang] : strings.connecting[lang]}
        </p>
      </main>
    );
  }

  const maintenance = booted.info.maintenance.active && !sessionActive;
  /** A new kiosk not yet enrolled with the ward's hub: the enrolment screen, not the welcome (docs/fleet.md). */
  const enrolmentNeeded = booted.info.enrolment === 'needed' && !sessionActive;

  return (
    <KioskContext.Provider value={kiosk}>
      <VoiceContext.Provider value={voice}>
      <div id="app-frame" className="frame">
        <ErrorBoundary key={generation} lang={lang} onReset={() => void endSession('cancelled')}>
          {enrolmentNeeded ? (
            <EnrolmentScreen onStaff={() => setStaffOpen(true)} />
          ) : maintenance ? (
            <Maintenance />
          ) : sessionActive ? (
            <ResidentApp key={generation} entry={entry} />
          ) : (
            <Welcome key={generation} />
          )}
        </ErrorBoundary>
        <div className="banner-slot" aria-live="polite">
          {reconnecting ? (
            <p className="banner banner-warn" data-testid="reconnecting">
              <span aria-hidden="true">⚠ </span>
              {t('reconnecting')}
            </p>
          ) : null}
          {error ? (
            <div className="banner banner-error" data-testid="error-banner">
              <p>
                <span aria-hidden="true">⚠ </span>
                {error[lang]}
              </p>
              <button type="button" className="btn btn-secondary" onClick={clearError}>
                {t('dismiss')}
              </button>
            </div>
          ) : null}
        </div>
      </div>
      <StaffCorner onOpen={() => setStaffOpen(true)} />
      {deadline !== null && sessionActive ? <TimeoutWarning key={deadline} deadline={deadline} onExtended={() => setDeadline(null)} /> : null}
      {staffOpen ? <StaffPanel onClose={() => setStaffOpen(false)} /> : null}
      {staffExiting ? (
        <div className="overlay" role="status">
          <p className="dialog">{t('staffExiting')}</p>
        </div>
      ) : null}
      </VoiceContext.Provider>
    </KioskContext.Provider>
  );
}
