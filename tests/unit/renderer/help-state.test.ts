import { describe, expect, it } from 'vitest';
import { fromView, IDLE, reduce } from '../../../renderer/src/help/help-state.ts';

const view = (over: Record<string, unknown> = {}) =>
  ({ requestId: 'r1', state: 'ringing', lang: 'vi', screen: 'home', createdAt: 1, attempt: 1, ringing: 2, options: null, call: null, ...over }) as never;
const call = { callId: 'r1', volunteer: { displayName: 'Nguyễn Thị Lan (TNV)', languages: ['vi'] }, acceptedAt: 2, controlGranted: false, peerOnline: true };

describe('help panel state', () => {
  it('rings, is accepted, chats both ways, and ends', () => {
    let s = fromView(view());
    expect(s).toMatchObject({ phase: 'ringing', ringing: 2 });
    s = reduce(s, { type: 'help.accepted', seq: 3, requestId: 'r1', call } as never);
    expect(s).toMatchObject({ phase: 'in-call', volunteer: 'Nguyễn Thị Lan (TNV)', callId: 'r1' });
    s = reduce(s, { type: 'chat', seq: 4, callId: 'r1', from: 'volunteer', text: 'Chào bác', at: 5 } as never);
    s = reduce(s, { type: 'chat', seq: 5, callId: 'other', from: 'volunteer', text: 'not ours', at: 6 } as never);
    expect(s.chat.map((c) => c.text)).toEqual(['Chào bác']);
    s = reduce(s, { type: 'pointer', seq: 6, callId: 'r1', x: 0.5, y: 0.25, selector: '[data-testid="submit"]' } as never, 100);
    expect(s.pointer).toEqual({ x: 0.5, y: 0.25, selector: '[data-testid="submit"]', at: 100 });
    s = reduce(s, { type: 'call.ended', seq: 7, callId: 'r1', by: 'volunteer' } as never);
    expect(s.phase).toBe('ended');
    expect(s.chat).toEqual([]);
  });

  it('offers the options when nobody answers, and a snapshot after a reconnect is the truth', () => {
    let s = fromView(view());
    const options = { wait: true, callback: true, contact: { name: 'UBND phường', phone: '024 3825 1234' } };
    s = reduce(s, { type: 'help.unanswered', seq: 2, requestId: 'r1', options } as never);
    expect(s).toMatchObject({ phase: 'unanswered', options });
    s = reduce(s, { type: 'snapshot', seq: 9, kioskId: 'k', ward: 'w', request: view({ state: 'accepted', call }) } as never);
    expect(s.phase).toBe('in-call');
    s = reduce(s, { type: 'snapshot', seq: 10, kioskId: 'k', ward: 'w', request: null } as never);
    expect(s.phase).toBe('ended');
    expect(reduce(IDLE, { type: 'snapshot', seq: 1, kioskId: 'k', ward: 'w', request: null } as never).phase).toBe('idle');
  });

  it('the chat sent again after a reconnect through another hub instance: each line once, in time order', () => {
    let s = fromView(view({ state: 'accepted', call }));
    const line = (seq: number, text: string, at: number, from = 'volunteer') => ({ type: 'chat', seq, callId: 'r1', from, text, at }) as never;
    s = reduce(s, line(4, 'Chào bác', 5));
    s = reduce(s, line(5, 'Bác bấm nút xanh', 9, 'volunteer'));
    // The new instance sends the call's lines from the database: one already shown, one missed (at 7).
    s = reduce(s, line(1, 'Chào bác', 5));
    s = reduce(s, line(2, 'Cháu ơi, bác không thấy', 7, 'kiosk'));
    s = reduce(s, line(3, 'Bác bấm nút xanh', 9, 'volunteer'));
    expect(s.chat.map((c) => c.text)).toEqual(['Chào bác', 'Cháu ơi, bác không thấy', 'Bác bấm nút xanh']);
  });
});
