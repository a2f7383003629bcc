/**
 * Enrolment with the ward's hub (docs/fleet.md "Enrolment"). Layer: renderer.
 *
 *  - EnrolmentScreen: what a new kiosk shows while its config names a hub and
 *    it has no device secret yet — not for residents (no session starts), the
 *    ward's contact, the pairing code from the hub in very large type with the
 *    kiosk's id and name (staff type it in the console's "Thêm kiosk"; no PIN:
 *    it reveals nothing), and — the other way — a button for staff that opens
 *    the staff PIN and the code pad.
 *  - StaffHub: in the staff menu (after the PIN): the hub connection, and
 *    while enrolment is needed the code pad — the 32 characters of the codes
 *    the staff console makes (2–9 and A–Z without I and O), so nothing else
 *    can be typed — and `staff.enrol`.
 */
import { useEffect, useState } from 'react';
import { KioskError, type PairingState } from '../../../common/contract/kiosk-api.ts';
import { errorText } from '../app/errors.ts';
import { useKiosk } from '../app/context.ts';
import { Toolbar } from '../app/Toolbar.tsx';
import { loc, strings, type StringKey } from '../i18n/index.ts';
import { Icon } from '../ui/Icon.tsx';
import { Screen } from '../ui/Screen.tsx';
import '../styles/fleet.css';

/** The enrolment code alphabet (hub/auth: no 0/O/1/I). */
export const CODE_KEYS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** Typing on the pad: only the alphabet, upper case, at most 8. */
export function typeCode(code: string, key: string): string {
  const k = key.toUpperCase();
  if (!CODE_KEYS.includes(k) || code.length >= CODE_LENGTH) return code;
  return code + k;
}

/** Grouped for reading aloud and comparing with the console: "ABCD EFGH". */
export function showCode(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** Each character spoken apart ("A B C D, E F G H"): a screen reader reads no words into it. */
export function spellCode(code: string): string {
  return [code.slice(0, 4), code.slice(4)].filter(Boolean).map((g) => [...g].join(' ')).join(', ');
}

const PAIRING_STATE_TEXT: Record<Exclude<PairingState['state'], 'showing'>, StringKey> = {
  off: 'pairRequesting',
  requesting: 'pairRequesting',
  unreachable: 'pairUnreachable',
  busy: 'pairBusy',
  'already-enrolled': 'pairAlreadyEnrolled',
};

/** The pairing code from the hub, large, for staff to type in the console (docs/fleet.md "Enrolment"). */
function Pairing() {
  const k = useKiosk();
  const { t, client } = k;
  const [pairing, setPairing] = useState<PairingState | null>(null);
  useEffect(() => {
    let live = true;
    client.call('enrolment.pairing', {}).then(
      (p) => live && setPairing(p),
      () => undefined,
    );
    const off = client.on('enrolment.pairing', (p) => setPairing(p));
    return () => {
      live = false;
      off();
    };
  }, [client]);
  const state = pairing?.state ?? 'requesting';
  const code = state === 'showing' ? (pairing?.code ?? null) : null;
  const until =
    code && pairing?.expiresAt
      ? new Intl.DateTimeFormat(k.lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(pairing.expiresAt))
      : null;
  return (
    <section className="callout pairing" aria-labelledby="h-pairing" data-testid="pairing" data-state={state}>
      <h2 id="h-pairing">{t('pairTitle')}</h2>
      {code ? (
        <>
          <p className="pairing-code" data-testid="pairing-code" data-code={code} role="img" aria-label={t('pairCodeSpoken', { code: spellCode(code) })}>
            {showCode(code)}
          </p>
          {/* Vietnamese first, English second: whoever installs the kiosk reads one of them. */}
          <p className="pairing-instruction" lang="vi" data-testid="pairing-instruction">
            {strings.pairInstruction.vi}
          </p>
          <p className="pairing-instruction-en" lang="en">
            {strings.pairInstruction.en}
          </p>
          {until ? <p className="note">{t('pairExpires', { time: until })}</p> : null}
        </>
      ) : (
        <p role="status" data-testid="pairing-status">
          {t(PAIRING_STATE_TEXT[state as Exclude<PairingState['state'], 'showing'>], { id: k.info.kioskId })}
        </p>
      )}
      <dl className="pairing-kiosk">
        <dt>{t('pairKioskId')}</dt>
        <dd data-testid="pairing-kiosk-id">{pairing?.kioskId ?? k.info.kioskId}</dd>
        {pairing?.name ? (
          <>
            <dt>{t('pairKioskName')}</dt>
            <dd data-testid="pairing-kiosk-name">{pairing.name}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export function EnrolmentScreen(props: { onStaff: () => void }) {
  const k = useKiosk();
  const { t } = k;
  return (
    <>
      <Toolbar screen="enrolment" />
      <Screen name="enrolment" title={t('enrolTitle')} lead={t('enrolLead')}>
        <p className="welcome-contact">
          {t('hotline', { phone: k.info.ward.hotline })}
          <br />
          {t('counterHours', { hours: loc(k.lang, k.info.ward.counterHours) })}
        </p>
        <Pairing />
        <div className="callout enrol-staff">
          <h2>{t('pairOtherWay')}</h2>
          <p>{t('enrolStaffHint')}</p>
          <p className="note">
            {k.info.kioskId} · {k.info.appVersion}
          </p>
          <button type="button" className="btn btn-secondary btn-xl" data-testid="enrol-open-staff" onClick={props.onStaff}>
            {t('enrolOpenStaff')}
          </button>
        </div>
      </Screen>
    </>
  );
}

const REASON: Record<string, StringKey> = {
  'bad-code': 'enrolBadCode',
  'already-enrolled': 'enrolAlready',
  unreachable: 'enrolUnreachable',
  'no-hub': 'enrolNoHub',
  refused: 'enrolRefused',
};

export function StaffHub() {
  const k = useKiosk();
  const { t, client } = k;
  const [hub, setHub] = useState<'none' | 'connecting' | 'connected'>('none');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const enrolment = k.info.enrolment ?? 'no-hub';

  useEffect(() => {
    let live = true;
    client.call('help.state', {}).then(
      (s) => live && setHub(s.hub),
      () => undefined,
    );
    const off = client.on('help.connection', (c) => setHub(c.hub));
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const submit = async () => {
    if (busy) return;
    if (code.length !== CODE_LENGTH) {
      setMessage({ text: t('enrolIncomplete'), ok: false });
      return;
    }
    setBusy(true);
    try {
      const r = await client.call('staff.enrol', { code });
      if (r.enrolled) {
        setMessage({ text: t('enrolDone'), ok: true });
        setCode('');
      } else setMessage({ text: t(REASON[r.reason ?? 'refused'] ?? 'enrolRefused', { id: k.info.kioskId }), ok: false });
    } catch (e) {
      if (e instanceof KioskError && e.code === 'E_FORBIDDEN') setMessage({ text: t('enrolPinExpired'), ok: false });
      else setMessage({ text: errorText(e)[k.lang], ok: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="staff-hub" aria-labelledby="h-staff-hub" data-testid="staff-hub">
      <h3 id="h-staff-hub">{t('hubTitle')}</h3>
      <p data-testid="staff-hub-state" data-hub={hub} data-enrolment={enrolment}>
        {enrolment === 'no-hub' ? t('hubNone') : `${enrolment === 'enrolled' ? `${t('hubEnrolled')} ` : ''}${hub === 'connected' ? t('hubConnected') : enrolment === 'enrolled' ? t('hubConnecting') : ''}`}
      </p>
      {message ? (
        <p className={message.ok ? 'enrol-message ok' : 'field-error enrol-message'} role={message.ok ? 'status' : 'alert'} data-testid="enrol-message">
          {message.text}
        </p>
      ) : null}
      {enrolment === 'needed' ? (
        <div className="enrol-entry">
          <label htmlFor="enrol-code" className="track-label">
            {t('enrolCodeLabel')}
          </label>
          <p className="hint" id="enrol-hint">
            {t('enrolCodeHint')}
          </p>
          <output id="enrol-code" className="input input-code enrol-code" data-testid="enrol-code-input" aria-describedby="enrol-hint" data-code={code}>
            {showCode(code) || ' '}
          </output>
          <div className="enrol-pad" role="group" aria-label={t('enrolKeypad')}>
            {[...CODE_KEYS].map((c) => (
              <button key={c} type="button" className="btn kb-key" data-testid={`enrol-key-${c}`} aria-controls="enrol-code" onClick={() => setCode((v) => typeCode(v, c))}>
                {c}
              </button>
            ))}
            <button type="button" className="btn kb-key keypad-clear" data-testid="enrol-key-clear" aria-controls="enrol-code" onClick={() => setCode('')}>
              {t('keyClear')}
            </button>
            <button type="button" className="btn kb-key" data-testid="enrol-key-delete" aria-controls="enrol-code" onClick={() => setCode((v) => v.slice(0, -1))}>
              <Icon name="backspace" className="kb-icon" />
              <span className="sr-only">{t('keyDelete')}</span>
            </button>
          </div>
          <button type="button" className="btn btn-primary btn-xl" data-testid="enrol-submit" onClick={() => void submit()} disabled={busy} aria-busy={busy}>
            {busy ? t('enrolBusy') : t('enrolSubmit')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
