/**
 * The help call panel, docked beside the screen so the resident keeps using
 * the kiosk while a volunteer guides them: ringing (with cancel), nobody free
 * (keep waiting, call back, the ward's phone), in a call (sound, quick
 * replies and messages, allow typing, end), ended. The volunteer's pointer
 * appears as a ring on the screen. Layer: renderer.
 */
import { useEffect, useReducer, useRef, useState } from 'react';
import type { HelpInbound } from '../../../common/contract/kiosk-api.ts';
import type { KioskRequestView } from '../../../common/contract/hub-kiosk.ts';
import { useKiosk } from '../app/context.ts';
import type { StringKey } from '../i18n/index.ts';
import { NumericKeypad } from '../keyboard/NumericKeypad.tsx';
import { KioskCall, type CallMedia } from './call.ts';
import { fromView, IDLE, reduce, type HelpState } from './help-state.ts';
import { applyRemoteInput, LiveRecorder } from './liveview.ts';

type Action = { kind: 'event'; m: HelpInbound } | { kind: 'view'; view: KioskRequestView | null } | { kind: 'reset' };

function reducer(s: HelpState, a: Action): HelpState {
  if (a.kind === 'reset') return IDLE;
  if (a.kind === 'view') return fromView(a.view, s);
  return reduce(s, a.m);
}

const QUICK: StringKey[] = ['helpQuick1', 'helpQuick2', 'helpQuick3', 'helpQuick4'];

export function HelpPanel(props: { opened: KioskRequestView | null; onClosed: () => void }) {
  const k = useKiosk();
  const { t } = k;
  const [s, dispatch] = useReducer(reducer, props.opened, (v) => fromView(v));
  const [media, setMedia] = useState<CallMedia>('connecting');
  const [phone, setPhone] = useState<string | null>(null);
  const [hasVideo, setHasVideo] = useState(false);
  const call = useRef<KioskCall | null>(null);
  const recorder = useRef<LiveRecorder | null>(null);
  const pending = useRef<Extract<HelpInbound, { type: 'rtc.offer' | 'rtc.ice' }>[]>([]);
  // The resident's choice to show their data, for this call only.
  const [revealedFor, setRevealedFor] = useState<string | null>(null);
  const revealed = s.callId !== null && revealedFor === s.callId;
  const granted = useRef(false);
  useEffect(() => {
    granted.current = s.phase === 'in-call' && s.controlGranted;
  }, [s.phase, s.controlGranted]);
  const audio = useRef<HTMLAudioElement>(null);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (props.opened) dispatch({ kind: 'view', view: props.opened });
  }, [props.opened]);

  // The hub's messages, through the kiosk services.
  useEffect(
    () =>
      k.client.on('help.event', (m) => {
        dispatch({ kind: 'event', m });
        if (m.type === 'rtc.offer' || m.type === 'rtc.ice') {
          // The offer can arrive before the call's peer exists (the accept and the offer
          // come close together): keep it for the call that is about to start.
          if (call.current?.callId === m.callId) void call.current.handle(m);
          else if (pending.current.push(m) > 200) pending.current.shift();
        }
        // The volunteer's console came back: it needs a whole screen to replay from.
        if (m.type === 'peer' && m.online) recorder.current?.resnapshot();
        // Typing by the volunteer: only while the resident's grant stands (the hub checks too).
        if (m.type === 'control.input' && granted.current) applyRemoteInput(m.selector, m.text);
      }),
    [k.client],
  );

  // One RTCPeerConnection per call.
  useEffect(() => {
    if (s.phase !== 'in-call' || !s.callId) return;
    const c = new KioskCall(k.client, s.callId, setMedia, setHasVideo);
    call.current = c;
    for (const m of pending.current.splice(0)) if (m.callId === s.callId) void c.handle(m);
    if (audio.current) audio.current.srcObject = c.remote;
    if (video.current) video.current.srcObject = c.remote;
    // The live view: recorded (masked) while the call lasts.
    const callId = s.callId;
    const r = new LiveRecorder((events) => k.client.call('help.send', { message: { type: 'liveview', callId, events } }));
    recorder.current = r;
    void r.start().catch(() => undefined);
    return () => {
      c.close();
      call.current = null;
      r.stop();
      recorder.current = null;
    };
  }, [s.phase, s.callId, k.client]);

  const send = (message: Parameters<typeof k.client.call<'help.send'>>[1]['message']) => k.client.call('help.send', { message }).catch((e) => k.reportError(e));

  if (s.phase === 'idle') return null;

  const close = () => {
    dispatch({ kind: 'reset' });
    props.onClosed();
  };

  return (
    <>
      <aside className="help-panel" data-testid="help-panel" data-phase={s.phase} aria-live="polite" aria-label={t('help')}>
        {s.phase === 'ringing' ? (
          <>
            <p className="help-title" data-voice>
              {t('helpRinging')}
            </p>
            {s.ringing > 0 ? <p>{t('helpRingingCount', { n: s.ringing })}</p> : null}
            <button type="button" className="btn btn-secondary btn-xl" data-testid="help-cancel" onClick={() => s.requestId && void send({ type: 'help.cancel', requestId: s.requestId })}>
              {t('helpCancel')}
            </button>
          </>
        ) : null}

        {s.phase === 'unanswered' ? (
          <>
            <p className="help-title">{t('helpUnanswered')}</p>
            {phone === null ? (
              <div className="help-actions">
                <button type="button" className="btn btn-primary btn-xl" data-testid="help-wait" onClick={() => s.requestId && void send({ type: 'help.wait', requestId: s.requestId })}>
                  {t('helpWait')}
                </button>
                <button type="button" className="btn btn-secondary btn-xl" data-testid="help-callback" onClick={() => setPhone('')}>
                  {t('helpCallback')}
                </button>
              </div>
            ) : (
              <div className="help-callback">
                <input className="input" data-testid="help-phone" id="help-phone" value={phone} readOnly inputMode="none" aria-label={t('helpCallback')} />
                <NumericKeypad kind="numeric" value={phone} maxLength={11} onChange={setPhone} t={t} controls="help-phone" />
                <button
                  type="button"
                  className="btn btn-primary btn-xl"
                  data-testid="help-callback-send"
                  disabled={phone.length < 10}
                  onClick={() => s.requestId && void send({ type: 'help.callback', requestId: s.requestId, phone })}
                >
                  {t('helpCallbackSend')}
                </button>
              </div>
            )}
            {s.options?.contact ? <p>{t('helpContact', { name: s.options.contact.name, phone: s.options.contact.phone })}</p> : null}
          </>
        ) : null}

        {s.phase === 'in-call' ? (
          <>
            <p className="help-title" data-testid="help-volunteer">
              {t('helpInCall', { name: s.volunteer ?? '' })}
            </p>
            <p data-testid="help-media" data-state={media}>
              {media === 'connected' ? t('helpMediaConnected') : media === 'reconnecting' || media === 'failed' ? t('helpMediaReconnecting') : t('helpMediaConnecting')}
            </p>
            <video ref={video} className={`help-video ${hasVideo ? 'has-video' : ''}`} autoPlay playsInline muted />
            <audio ref={audio} autoPlay />
            <h2 className="help-chat-title">{t('helpChatTitle')}</h2>
            <ol className="help-chat" data-testid="help-chat">
              {s.chat.map((c, i) => (
                <li key={i} className={`chat-${c.from}`}>
                  <strong>{c.from === 'volunteer' ? t('helpFromVolunteer') : t('helpFromMe')}:</strong> {c.text}
                </li>
              ))}
            </ol>
            <div className="help-quick">
              {QUICK.map((key, i) => (
                <button key={key} type="button" className="btn btn-secondary" data-testid={`help-quick-${i + 1}`} onClick={() => s.callId && void send({ type: 'chat', callId: s.callId, text: t(key) })}>
                  {t(key)}
                </button>
              ))}
            </div>
            <button
              type="button"
              role="switch"
              aria-checked={s.controlGranted}
              className="btn btn-secondary"
              data-testid="help-control"
              onClick={() => s.callId && void send({ type: s.controlGranted ? 'control.revoke' : 'control.grant', callId: s.callId })}
            >
              {s.controlGranted ? t('helpRevokeControl') : t('helpAllowControl')}
            </button>
            <button
              type="button"
              role="switch"
              aria-checked={revealed}
              className="btn btn-secondary"
              data-testid="help-reveal"
              onClick={() => {
                recorder.current?.setRevealed(!revealed);
                setRevealedFor(revealed ? null : s.callId);
              }}
            >
              {revealed ? t('helpHideData') : t('helpShowData')}
            </button>
            <p className="help-note" data-testid="help-reveal-state">
              {revealed ? t('helpDataShown') : t('helpDataHidden')}
            </p>
            <button type="button" className="btn btn-danger btn-xl" data-testid="help-end" onClick={() => s.callId && void send({ type: 'call.end', callId: s.callId })}>
              {t('helpEnd')}
            </button>
          </>
        ) : null}

        {s.phase === 'ended' || s.phase === 'callback-recorded' ? (
          <>
            <p className="help-title" data-testid="help-ended">
              {s.phase === 'ended' ? t('helpEnded') : t('helpCallbackDone')}
            </p>
            <button type="button" className="btn btn-secondary btn-xl" data-testid="help-close" onClick={close}>
              {t('helpClose')}
            </button>
          </>
        ) : null}
      </aside>
      {s.pointer && s.phase === 'in-call' ? <PointerRing key={s.pointer.at} x={s.pointer.x} y={s.pointer.y} selector={s.pointer.selector} /> : null}
    </>
  );
}

/** Where the volunteer points: a ring at (x, y) of the screen, and an outline on the element, for a few seconds. */
function PointerRing(props: { x: number; y: number; selector: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(true);
  useEffect(() => {
    // One style change (CSSOM, allowed by the CSP), so the live view records a single mutation.
    if (ref.current) ref.current.style.cssText = `left: ${props.x * 100}vw; top: ${props.y * 100}vh`;
    let el: Element | null = null;
    try {
      el = props.selector ? document.querySelector(props.selector) : null;
    } catch {
      el = null;
    }
    el?.classList.add('help-pointed');
    const timer = setTimeout(() => setShown(false), 5000);
    return () => {
      clearTimeout(timer);
      el?.classList.remove('help-pointed');
    };
  }, [props.x, props.y, props.selector]);
  return shown ? <div ref={ref} className="help-pointer" data-testid="help-pointer" aria-hidden="true" /> : null;
}
