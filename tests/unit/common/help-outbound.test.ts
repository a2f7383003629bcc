/**
 * The help channel's boundary at the kiosk services (common/contract/kiosk-api.ts `HelpOutbound`):
 * strict and typed from the hub contract's own members (hub-kiosk.ts `KioskHelpMessages`) without
 * `seq` — the services number the messages, so a `seq` from the renderer is refused, as is any
 * key or message type the hub contract does not list for the help channel.
 */
import { describe, expect, it } from 'vitest';
import { KioskHelpMessages, KioskToHub } from '../../../common/contract/hub-kiosk.ts';
import { HelpOutbound } from '../../../common/contract/kiosk-api.ts';

const CALL = '6f1c2a7e-3b7d-4c1e-9f0a-2d4b5c6e7f80';
const REQ = '0b7d5a3e-1c2f-4a6b-8d9e-0f1a2b3c4d5e';

const samples: HelpOutbound[] = [
  { type: 'help.wait', requestId: REQ },
  { type: 'help.callback', requestId: REQ, phone: '0912345678' },
  { type: 'help.cancel', requestId: REQ },
  { type: 'rtc.restart', callId: CALL },
  { type: 'rtc.ice', callId: CALL, candidate: null },
  { type: 'chat', callId: CALL, text: 'Xin chào, tôi cần giúp điền tờ khai.' },
  { type: 'call.end', callId: CALL },
  { type: 'control.grant', callId: CALL },
  { type: 'control.revoke', callId: CALL },
];

describe('HelpOutbound: what the renderer may send on the help channel', () => {
  it('every sample is accepted as it is, and with a seq it is a message the hub accepts', () => {
    for (const m of samples) {
      expect(HelpOutbound.parse(m)).toEqual(m);
      expect(KioskToHub.safeParse({ ...m, seq: 1 }).success).toBe(true);
    }
  });

  it('covers exactly the hub contract’s help members', () => {
    const types = KioskHelpMessages.map((s) => s.shape.type.value).sort();
    expect(types).toEqual(['call.end', 'chat', 'control.grant', 'control.revoke', 'help.callback', 'help.cancel', 'help.wait', 'liveview', 'rtc.answer', 'rtc.ice', 'rtc.offer', 'rtc.restart']);
  });

  it('refuses a seq (the services number messages), an unknown key, and types the services own or that are not the help channel’s', () => {
    expect(HelpOutbound.safeParse({ type: 'chat', callId: CALL, text: 'a', seq: 7 }).success).toBe(false);
    expect(HelpOutbound.safeParse({ type: 'call.end', callId: CALL, extra: 1 }).success).toBe(false);
    for (const type of ['hello', 'ping', 'help.request', 'heartbeat', 'outbox.deliver', 'track', 'nonsense']) {
      expect(HelpOutbound.safeParse({ type, callId: CALL }).success, type).toBe(false);
    }
  });

  it('refuses a member with a bad field, naming where', () => {
    const r = HelpOutbound.safeParse({ type: 'help.callback', requestId: REQ, phone: 'gọi tôi' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['phone']);
  });
});
