import { describe, expect, it } from 'vitest';
import type { ConsoleCallView, HubToConsole, RingView } from '../../../../common/contract/hub-console.ts';
import {
  AWAY_NO_ANSWER_TEXT,
  awayNoAnswer,
  formatDuration,
  initialState,
  reduce,
  screenLabel,
  shouldRing,
  STATUS_LABEL,
  type ConsoleState,
} from '../../../../consoles/volunteer/state.ts';

const REQ = '7d0c3c53-4a43-4c5e-9a55-3f2d8f7b1a10';
const REQ2 = '0b0e7b1c-1111-4c5e-9a55-3f2d8f7b1a10';
const ring = (requestId = REQ): RingView => ({
  requestId,
  kioskId: 'kiosk-01',
  kioskName: 'Kiosk nhà văn hoá',
  ward: '000.00.12.H29',
  lang: 'vi',
  screen: 'form:1.000894',
  createdAt: 1000,
  attempt: 1,
});
const callView = (requestId = REQ): ConsoleCallView => ({ ...ring(requestId), callId: requestId, acceptedAt: 2000, controlGranted: false, peerOnline: true });
const user = { username: 'tnv1', displayName: 'Nguyễn Thị Lan', role: 'volunteer' as const, ward: '000.00.12.H29', languages: ['vi' as const] };

const hub = (s: ConsoleState, msg: Record<string, unknown>, now = 5000): ConsoleState => reduce(s, { kind: 'hub', msg: { seq: 1, ...msg } as HubToConsole, now });
const online = (): ConsoleState => hub(reduce(initialState(), { kind: 'link', link: 'online' }), { type: 'snapshot', user, status: 'available', ringing: [], call: null });

describe('volunteer console state', () => {
  it('a ring rings (with ringMs) and stops at once when another volunteer takes it', () => {
    let s = hub(online(), { type: 'ring', ring: ring(), at: 4990 }, 5000);
    expect(s.ringing).toHaveLength(1);
    expect(s.ringing[0]!.ringMs).toBe(10);
    expect(shouldRing(s)).toBe(true);
    s = hub(s, { type: 'ring.cancel', requestId: REQ, reason: 'taken' });
    expect(s.ringing).toEqual([]);
    expect(shouldRing(s)).toBe(false);
    expect(s.notice?.kind).toBe('taken');
  });

  it('a repeated ring does not duplicate; a cancel for another request leaves ours ringing', () => {
    let s = hub(online(), { type: 'ring', ring: ring(), at: 4990 });
    s = hub(s, { type: 'ring', ring: { ...ring(), attempt: 2 }, at: 4995 });
    s = hub(s, { type: 'ring', ring: ring(REQ2), at: 4995 });
    expect(s.ringing.map((r) => r.ring.requestId)).toEqual([REQ, REQ2]);
    expect(s.ringing[0]!.ring.attempt).toBe(2);
    s = hub(s, { type: 'ring.cancel', requestId: REQ2, reason: 'cancelled' });
    expect(s.ringing.map((r) => r.ring.requestId)).toEqual([REQ]);
  });

  it('accepting stops the bell; already_taken removes the ring and says so', () => {
    let s = hub(online(), { type: 'ring', ring: ring(), at: 4990 });
    s = reduce(s, { kind: 'accept', requestId: REQ });
    expect(shouldRing(s)).toBe(false);
    s = hub(s, { type: 'error', code: 'already_taken', message: 'x', refSeq: 3, refType: 'ring.accept' });
    expect(s.ringing).toEqual([]);
    expect(s.accepting).toBeNull();
    expect(s.notice?.text).toMatch(/tình nguyện viên khác/);
  });

  it('call.started opens the call; chat, control, peer update it; call.ended closes it', () => {
    let s = hub(online(), { type: 'ring', ring: ring(), at: 4990 });
    s = hub(s, { type: 'ring', ring: ring(REQ2), at: 4990 });
    s = reduce(s, { kind: 'accept', requestId: REQ });
    s = hub(s, { type: 'call.started', call: callView() });
    expect(s.call?.view.callId).toBe(REQ);
    expect(s.ringing).toEqual([]);
    s = hub(s, { type: 'chat', callId: REQ, from: 'kiosk', text: 'Chào cháu', at: 10 });
    s = hub(s, { type: 'chat', callId: REQ, from: 'kiosk', text: 'Chào cháu', at: 10 }); // a replayed copy
    s = hub(s, { type: 'chat', callId: REQ2, from: 'kiosk', text: 'not ours', at: 11 });
    expect(s.call?.chat.map((l) => l.text)).toEqual(['Chào cháu']);
    s = hub(s, { type: 'control.state', callId: REQ, granted: true });
    s = hub(s, { type: 'peer', callId: REQ, online: false });
    expect(s.call).toMatchObject({ controlGranted: true, peerOnline: false });
    s = hub(s, { type: 'ring', ring: ring(REQ2), at: 4990 });
    expect(s.ringing).toEqual([]); // one call at a time
    s = hub(s, { type: 'call.ended', callId: REQ, by: 'kiosk' });
    expect(s.call).toBeNull();
    expect(s.ended).toMatchObject({ callId: REQ, by: 'kiosk' });
  });

  it('a snapshot after a reconnect is the truth: status, rings and call replaced; the same call keeps its chat', () => {
    let s = hub(online(), { type: 'ring', ring: ring(), at: 4990 });
    s = hub(s, { type: 'snapshot', user, status: 'busy', ringing: [ring(REQ2)], call: null });
    expect(s.status).toBe('busy');
    expect(s.ringing.map((r) => r.ring.requestId)).toEqual([REQ2]);
    expect(s.ringing[0]!.ringMs).toBeNull();

    s = hub(s, { type: 'call.started', call: callView() });
    s = hub(s, { type: 'chat', callId: REQ, from: 'volunteer', text: 'Cháu đây', at: 20 });
    s = reduce(s, { kind: 'link', link: 'offline' });
    s = hub(s, { type: 'snapshot', user, status: 'available', ringing: [], call: { ...callView(), controlGranted: true, peerOnline: false } });
    expect(s.call?.chat.map((l) => l.text)).toEqual(['Cháu đây']);
    expect(s.call).toMatchObject({ controlGranted: true, peerOnline: false });
    // Through another hub instance the call's lines come again after the snapshot: the missed one
    // (at 15) takes its place in time, the one already shown is not doubled.
    s = hub(s, { type: 'chat', callId: REQ, from: 'kiosk', text: 'Bác nghe rồi', at: 15 });
    s = hub(s, { type: 'chat', callId: REQ, from: 'volunteer', text: 'Cháu đây', at: 20 });
    expect(s.call?.chat.map((l) => l.text)).toEqual(['Bác nghe rồi', 'Cháu đây']);

    // The call ended while we were away and its call.ended is gone: the snapshot ends it.
    s = hub(s, { type: 'snapshot', user, status: 'available', ringing: [], call: null });
    expect(s.call).toBeNull();
    expect(s.ended).toMatchObject({ callId: REQ, by: 'unknown' });
  });

  it('no answer: the ring is withdrawn (the bell stops, no notice), Tạm vắng with its banner until Sẵn sàng', () => {
    let s = hub(online(), { type: 'ring', ring: ring(), at: 4990 });
    s = hub(s, { type: 'ring', ring: ring(REQ2), at: 4990 });
    expect(shouldRing(s)).toBe(true);
    s = hub(s, { type: 'ring.cancel', requestId: REQ, reason: 'no_answer' });
    expect(s.ringing.map((r) => r.ring.requestId)).toEqual([REQ2]);
    expect(s.notice).toBeNull(); // the banner explains, not a notice
    s = hub(s, { type: 'status', status: 'away', reason: 'no_answer' });
    expect(s).toMatchObject({ status: 'away', statusReason: 'no_answer', ringing: [] }); // a late ring.cancel cannot keep the bell going
    expect(shouldRing(s)).toBe(false);
    expect(awayNoAnswer(s)).toBe(true);
    expect(AWAY_NO_ANSWER_TEXT).toBe('Bạn đã được chuyển sang Tạm vắng vì chưa trả lời cuộc gọi. Bấm Sẵn sàng khi bạn quay lại.');
    expect(STATUS_LABEL).toEqual({ available: 'Sẵn sàng', busy: 'Bận', away: 'Tạm vắng' });

    // An accept that crossed the withdrawal is refused: no confusing error, the banner stays.
    s = reduce(s, { kind: 'accept', requestId: REQ2 });
    s = hub(s, { type: 'error', code: 'forbidden', message: 'x', refSeq: 4, refType: 'ring.accept' });
    expect(s.accepting).toBeNull();
    expect(s.notice).toBeNull();
    expect(awayNoAnswer(s)).toBe(true);

    // A reconnect keeps the reason (the snapshot says it); Sẵn sàng clears it.
    s = hub(s, { type: 'snapshot', user, status: 'away', statusReason: 'no_answer', ringing: [], call: null });
    expect(awayNoAnswer(s)).toBe(true);
    s = hub(s, { type: 'status', status: 'available' });
    expect(s).toMatchObject({ status: 'available', statusReason: null });
    expect(awayNoAnswer(s)).toBe(false);
    s = hub(s, { type: 'ring', ring: ring(), at: 4990 });
    expect(shouldRing(s)).toBe(true);
  });

  it('Tạm vắng chosen by the volunteer (or a snapshot without a reason) shows no no-answer banner', () => {
    let s = hub(online(), { type: 'status', status: 'away' });
    expect(s).toMatchObject({ status: 'away', statusReason: null });
    expect(awayNoAnswer(s)).toBe(false);
    s = hub(s, { type: 'status', status: 'away', reason: 'no_answer' });
    s = hub(s, { type: 'snapshot', user, status: 'away', ringing: [], call: null }); // an older hub: no statusReason
    expect(awayNoAnswer(s)).toBe(false);
  });

  it('words for screens and durations', () => {
    expect(screenLabel('form:1.000894')).toBe('Điền tờ khai (1.000894)');
    expect(screenLabel('home')).toBe('Trang chủ');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
});
