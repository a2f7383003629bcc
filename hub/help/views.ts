/**
 * What the help queue shows each side of an open request: the ring a volunteer
 * sees, the call on the console and on the kiosk, the kiosk's request view and
 * the options offered when nobody answered. Pure functions of the state.
 * Layer: hub (node).
 */
import type { ConsoleCallView, RingView } from '../../common/contract/hub-console.ts';
import type { KioskRequestView } from '../../common/contract/hub-kiosk.ts';
import type { Active, WardContact } from './types.ts';

export function ringView(a: Active): RingView {
  const r = a.rec;
  return { requestId: r.id, kioskId: r.kioskId, kioskName: a.kioskName, ward: r.ward, lang: r.lang, screen: r.screen, createdAt: r.createdAt, attempt: r.attempt };
}

export function consoleCall(a: Active): ConsoleCallView {
  return { ...ringView(a), callId: a.rec.id, acceptedAt: a.rec.acceptedAt ?? 0, controlGranted: a.controlGranted, peerOnline: a.kioskOnline };
}

export function kioskCall(a: Active) {
  return {
    callId: a.rec.id,
    volunteer: { displayName: a.volunteer?.displayName ?? 'Tình nguyện viên', languages: a.volunteer?.languages ?? [] },
    acceptedAt: a.rec.acceptedAt ?? 0,
    controlGranted: a.controlGranted,
    peerOnline: a.volunteerOnline,
  };
}

/** Offered to the resident when nobody answered: wait again, leave a number, or the ward's own contact. */
export function unansweredOptions(a: Active, wardContacts: Record<string, WardContact>) {
  const c = wardContacts[a.rec.ward];
  return { wait: true as const, callback: true as const, contact: c ? { name: c.name, phone: c.phone } : null };
}

export function kioskView(a: Active, wardContacts: Record<string, WardContact>): KioskRequestView {
  const r = a.rec;
  return {
    requestId: r.id,
    state: r.state,
    lang: r.lang,
    screen: r.screen,
    createdAt: r.createdAt,
    attempt: r.attempt,
    ringing: a.ringing.size,
    options: r.state === 'unanswered' ? unansweredOptions(a, wardContacts) : null,
    call: r.state === 'accepted' ? kioskCall(a) : null,
  };
}
