/**
 * The help channel's messages are typed once, by the hub contract (issue 19): the kiosk's call
 * builds its `rtc.ice` from the browser's candidate without a cast, and what it builds is what
 * the services' boundary (HelpOutbound) and the hub's schema accept.
 */
import { describe, expect, it } from 'vitest';
import { HelpOutbound } from '../../../common/contract/kiosk-api.ts';
import { iceMessage } from '../../../renderer/src/help/call.ts';

const CALL = '6f1c2a7e-3b7d-4c1e-9f0a-2d4b5c6e7f80';

describe('help messages built by the kiosk call', () => {
  it('a browser ICE candidate becomes an rtc.ice the contract accepts', () => {
    const m = iceMessage(CALL, { candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 54400 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' });
    expect(m).toEqual({ type: 'rtc.ice', callId: CALL, candidate: { candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 54400 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' } });
    expect(HelpOutbound.safeParse(m).success).toBe(true);
  });

  it('the end of gathering (null) is sent as a null candidate', () => {
    const m = iceMessage(CALL, null);
    expect(m).toEqual({ type: 'rtc.ice', callId: CALL, candidate: null });
    expect(HelpOutbound.safeParse(m).success).toBe(true);
  });

  it('the boundary refuses an rtc.ice whose candidate lacks the contract’s fields (what toJSON() may give)', () => {
    expect(HelpOutbound.safeParse({ type: 'rtc.ice', callId: CALL, candidate: { candidate: 'candidate:1' } }).success).toBe(false);
  });
});
