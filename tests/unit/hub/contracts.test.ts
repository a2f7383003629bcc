/**
 * The hub contracts refuse what they should: extra keys, personal data where
 * none belongs, out-of-range values, oversized fields.
 */
import { describe, expect, it } from 'vitest';
import { Phone } from '../../../common/contract/hub-common.ts';
import { ConsoleToHub, HubToConsole } from '../../../common/contract/hub-console.ts';
import { EnrolRequest, KioskToHub } from '../../../common/contract/hub-kiosk.ts';

const callId = '6f1c2c9e-2b8a-4c7e-9a55-0d4b8b2f1e10';

describe('hub contracts', () => {
  it('kiosk messages are strict objects with a client seq', () => {
    expect(KioskToHub.safeParse({ type: 'help.request', seq: 1, lang: 'vi', screen: 'service:1.000894' }).success).toBe(true);
    expect(KioskToHub.safeParse({ type: 'help.request', lang: 'vi', screen: 'welcome' }).success).toBe(false); // no seq
    expect(KioskToHub.safeParse({ type: 'help.request', seq: 1, lang: 'vi', screen: 'welcome', cccd: '001234567890' }).success).toBe(false);
    expect(KioskToHub.safeParse({ type: 'help.request', seq: 1, lang: 'vi', screen: 'Nguyễn Văn A' }).success).toBe(false); // screen names only
    expect(KioskToHub.safeParse({ type: 'help.request', seq: -1, lang: 'vi', screen: 'welcome' }).success).toBe(false);
    expect(KioskToHub.safeParse({ type: 'chat', seq: 2, callId, text: 'x'.repeat(1001) }).success).toBe(false);
    expect(KioskToHub.safeParse({ type: 'chat', seq: 2, callId: 'not-a-uuid', text: 'hi' }).success).toBe(false);
    expect(KioskToHub.safeParse({ type: 'liveview', seq: 3, callId, events: [] }).success).toBe(false);
    expect(KioskToHub.safeParse({ type: 'liveview', seq: 3, callId, events: [{ type: 2, data: {}, timestamp: 1, extra: 1 }] }).success).toBe(false);
    // A kiosk cannot send console-only messages.
    expect(KioskToHub.safeParse({ type: 'pointer', seq: 4, callId, x: 0.5, y: 0.5, selector: null }).success).toBe(false);
    expect(KioskToHub.safeParse({ type: 'ring.accept', seq: 4, requestId: callId }).success).toBe(false);
  });

  it('console messages: pointer within 0..1, note ≤ 280, status values', () => {
    expect(ConsoleToHub.safeParse({ type: 'pointer', seq: 1, callId, x: 0.2, y: 1, selector: '#a' }).success).toBe(true);
    expect(ConsoleToHub.safeParse({ type: 'pointer', seq: 1, callId, x: 1.2, y: 0, selector: null }).success).toBe(false);
    expect(ConsoleToHub.safeParse({ type: 'call.end', seq: 1, callId, note: 'x'.repeat(281) }).success).toBe(false);
    expect(ConsoleToHub.safeParse({ type: 'status.set', seq: 1, status: 'away' }).success).toBe(true); // Tạm vắng
    expect(ConsoleToHub.safeParse({ type: 'status.set', seq: 1, status: 'offline' }).success).toBe(false);
    expect(ConsoleToHub.safeParse({ type: 'status.set', seq: 1, status: 'available', reason: 'no_answer' }).success).toBe(false); // only the hub gives reasons
    expect(ConsoleToHub.safeParse({ type: 'liveview', seq: 1, callId, events: [{ type: 2, data: {}, timestamp: 1 }] }).success).toBe(false);
  });

  it('hub → console messages are discriminated on type', () => {
    expect(HubToConsole.safeParse({ type: 'ring.cancel', seq: 9, requestId: callId, reason: 'taken' }).success).toBe(true);
    expect(HubToConsole.safeParse({ type: 'ring.cancel', seq: 9, requestId: callId, reason: 'whatever' }).success).toBe(false);
    expect(HubToConsole.safeParse({ type: 'ring.cancel', seq: 9, requestId: callId, reason: 'no_answer' }).success).toBe(true);
  });

  it('status: the reason is optional (older messages stay valid), closed, and only where it belongs', () => {
    expect(HubToConsole.safeParse({ type: 'status', seq: 3, status: 'busy' }).success).toBe(true);
    expect(HubToConsole.safeParse({ type: 'status', seq: 3, status: 'available', reason: null }).success).toBe(true);
    expect(HubToConsole.safeParse({ type: 'status', seq: 3, status: 'away', reason: 'no_answer' }).success).toBe(true);
    expect(HubToConsole.safeParse({ type: 'status', seq: 3, status: 'away', reason: 'asleep' }).success).toBe(false);
    expect(HubToConsole.safeParse({ type: 'status', seq: 3, status: 'away', reason: 'no_answer', extra: 1 }).success).toBe(false);
    const user = { username: 'tnv1', displayName: 'Lan', role: 'volunteer', ward: null, languages: ['vi'] };
    expect(HubToConsole.safeParse({ type: 'snapshot', seq: 4, user, status: 'away', ringing: [], call: null }).success).toBe(true);
    expect(HubToConsole.safeParse({ type: 'snapshot', seq: 4, user, status: 'away', statusReason: 'no_answer', ringing: [], call: null }).success).toBe(true);
    expect(HubToConsole.safeParse({ type: 'snapshot', seq: 4, user, status: 'away', statusReason: 'gone', ringing: [], call: null }).success).toBe(false);
  });

  it('phone numbers and enrolment bodies', () => {
    expect(Phone.safeParse('0912 345 678').success).toBe(true);
    expect(Phone.safeParse('+84 912.345.678').success).toBe(true);
    expect(Phone.safeParse('12').success).toBe(false);
    expect(Phone.safeParse('0912345678901234').success).toBe(false);
    expect(Phone.safeParse('091234567a').success).toBe(false);
    expect(EnrolRequest.safeParse({ code: 'abcd2345', kioskId: 'hang-bai-01', name: 'K' }).data?.code).toBe('ABCD2345');
    expect(EnrolRequest.safeParse({ code: 'ABCD2340', kioskId: 'hang-bai-01', name: 'K' }).success).toBe(false); // 0 is not in the alphabet
  });
});
