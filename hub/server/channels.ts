/**
 * One outgoing message stream per party (a kiosk, a user): the hub numbers
 * every message (`seq`), keeps the recent ones for replay after a reconnect,
 * and writes to the party's current socket if it has one.
 *
 * Replayable: state changes and signalling (ring, call, rtc.*, chat…).
 * Not replayable: live-view frames, pointer moves, errors, pongs — they are
 * worthless late; the snapshot sent on every (re)connect carries the state.
 * A call's chat lines leave the buffer when the call ends (`forgetChat`):
 * resident data is not kept in memory past its call.
 * Layer: hub (node).
 */
import type { WebSocket } from 'ws';

const REPLAY_MAX_MESSAGES = 256;
const REPLAY_MAX_BYTES = 512 * 1024;
/** Above this many unsent bytes on the socket, droppable frames (live view) are dropped. */
const DROP_ABOVE_BUFFERED = 1024 * 1024;

export class Channel {
  seq = 0;
  /** The last client seq processed for this party (duplicates are ignored). */
  lastClientSeq = 0;
  socket: WebSocket | null = null;
  /** `chatCall`: the call of a chat line (forgotten with the call). */
  private ring: { seq: number; text: string; chatCall?: string }[] = [];
  private ringBytes = 0;
  /** Highest seq no longer in the replay buffer. */
  private evictedUpTo = 0;

  /** Numbers and sends `body`; keeps it for replay unless `replay` is false. */
  send(body: object, replay = true): void {
    const seq = ++this.seq;
    const text = JSON.stringify({ ...body, seq });
    if (replay) {
      const b = body as { type?: unknown; callId?: unknown };
      this.ring.push(b.type === 'chat' && typeof b.callId === 'string' ? { seq, text, chatCall: b.callId } : { seq, text });
      this.ringBytes += text.length;
      while (this.ring.length > REPLAY_MAX_MESSAGES || this.ringBytes > REPLAY_MAX_BYTES) {
        const old = this.ring.shift()!;
        this.ringBytes -= old.text.length;
        this.evictedUpTo = old.seq;
      }
    }
    const s = this.socket;
    if (!s || s.readyState !== s.OPEN) return;
    if (!replay && s.bufferedAmount > DROP_ABOVE_BUFFERED) return;
    s.send(text);
  }

  /** A state marker (welcome, snapshot): carries the current seq without taking one. */
  marker(body: object): string {
    return JSON.stringify({ ...body, seq: this.seq });
  }

  /** The call ended: its chat lines leave the replay buffer (a resume replays the rest). */
  forgetChat(callId: string): void {
    this.ring = this.ring.filter((m) => {
      if (m.chatCall !== callId) return true;
      this.ringBytes -= m.text.length;
      return false;
    });
  }

  /** The buffered messages after `lastSeq`, or null if some of them are gone (or lastSeq is bogus). */
  replayAfter(lastSeq: number): string[] | null {
    if (lastSeq > this.seq || lastSeq < this.evictedUpTo) return null;
    return this.ring.filter((m) => m.seq > lastSeq).map((m) => m.text);
  }
}

export class Channels {
  private readonly map = new Map<string, Channel>();

  get(key: string): Channel {
    let c = this.map.get(key);
    if (!c) {
      c = new Channel();
      this.map.set(key, c);
    }
    return c;
  }

  peek(key: string): Channel | undefined {
    return this.map.get(key);
  }

  /** Forgets a party's channel (a retired kiosk): whoever comes back under that key starts afresh. */
  drop(key: string): void {
    this.map.delete(key);
  }

  sockets(): WebSocket[] {
    const out: WebSocket[] = [];
    for (const c of this.map.values()) if (c.socket) out.push(c.socket);
    return out;
  }
}
