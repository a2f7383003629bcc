/**
 * A party's outgoing stream (hub/server/channels.ts): replay after a reconnect, and a call's chat
 * lines forgotten from the replay buffer when the call ends (resident data not kept in memory past
 * its call), the other messages still replayed.
 */
import { describe, expect, it } from 'vitest';
import { Channel } from '../../../hub/server/channels.ts';

const texts = (c: Channel, after: number) => (c.replayAfter(after) ?? []).map((t) => JSON.parse(t) as { type: string; text?: string; seq: number });

describe('Channel', () => {
  it('replays what followed lastSeq; a call’s chat leaves the buffer when it ends, the rest stays', () => {
    const c = new Channel();
    c.send({ type: 'help.accepted', requestId: 'call-1' });
    c.send({ type: 'chat', callId: 'call-1', from: 'kiosk', text: 'Chào cháu', at: 1 });
    c.send({ type: 'chat', callId: 'call-2', from: 'kiosk', text: 'cuộc gọi khác', at: 2 });
    c.send({ type: 'pointer', callId: 'call-1', x: 0, y: 0 }, false);
    c.send({ type: 'chat', callId: 'call-1', from: 'volunteer', text: 'Bác bấm nút xanh', at: 3 });
    c.send({ type: 'call.ended', callId: 'call-1', by: 'kiosk' });
    expect(texts(c, 0).map((m) => m.type)).toEqual(['help.accepted', 'chat', 'chat', 'chat', 'call.ended']);
    expect(texts(c, 2).map((m) => m.seq)).toEqual([3, 5, 6]);

    c.forgetChat('call-1');
    expect(texts(c, 0).map((m) => m.text ?? m.type)).toEqual(['help.accepted', 'cuộc gọi khác', 'call.ended']);
    expect(c.replayAfter(1)).not.toBeNull(); // a resume still works: the seqs left are in order
    expect(texts(c, 1).map((m) => m.seq)).toEqual([3, 6]);
    expect(c.replayAfter(7)).toBeNull(); // a seq the hub never sent
  });
});
