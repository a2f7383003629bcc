/**
 * Glue between the pure pieces and the browser: the console socket, the
 * reducer (state.ts), the ring sound, the WebRTC call (rtc.ts) and the live
 * view. React subscribes to `state` / `media` and calls the action methods.
 * Benchmark numbers go to `window.__volunteerMetrics` (ringMs, connectMs).
 * Layer: browser.
 */
import { HUB_CONSOLE_WS_PATH } from '../../common/contract/hub-common.ts';
import { HubToConsole, type VolunteerStatus } from '../../common/contract/hub-console.ts';
import { iceServers } from './api.ts';
import type { LiveView } from './liveview.ts';
import { Ringer } from './ringer.ts';
import { VolunteerCall, type CallMediaState, type RtcIn } from './rtc.ts';
import { ConsoleSocket, type SocketLike } from './socket.ts';
import { initialState, reduce, shouldRing, type Action, type ConsoleState } from './state.ts';

export interface VolunteerMetrics {
  ringMs: number[];
  connectMs: number[];
  lastRingMs: number | null;
  /** Wall-clock time (ms) the last ring reached this console, to compare with the kiosk's tap. */
  lastRingAt: number | null;
  lastConnectMs: number | null;
  liveEvents: number;
  pointers: number;
  /** Whether the ring sound is on now (it stops when the ring is taken, declined or withdrawn). */
  bell: boolean;
}

declare global {
  interface Window {
    __volunteerMetrics?: VolunteerMetrics;
  }
}

type RrEvent = { type: number; data: unknown; timestamp: number; delay?: number };
const MAX_BUFFERED_LIVE = 3000;

export class Controller {
  state: ConsoleState = initialState();
  media: CallMediaState | null = null;
  remoteStream: MediaStream | null = null;
  localVideo: MediaStream | null = null;
  soundBlocked = false;
  private socket: ConsoleSocket | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly ringer = new Ringer();
  private call: VolunteerCall | null = null;
  private callId: string | null = null;
  private acceptedAt: number | null = null;
  private live: LiveView | null = null;
  private liveBuffer: RrEvent[] = [];
  private wasOffline = false;
  readonly metrics: VolunteerMetrics = { ringMs: [], connectMs: [], lastRingMs: null, lastRingAt: null, lastConnectMs: null, liveEvents: 0, pointers: 0, bell: false };
  private readonly hooks = { sessionLost: new Set<() => void>(), callEnded: new Set<() => void>() };

  constructor() {
    window.__volunteerMetrics = this.metrics;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getState = (): ConsoleState => this.state;

  /** Be told when the login is gone (the hub refuses the session) or a call has ended; returns the unsubscribe (an effect's cleanup). */
  on(event: 'sessionLost' | 'callEnded', fn: () => void): () => void {
    this.hooks[event].add(fn);
    return () => this.hooks[event].delete(fn);
  }

  private tell(event: 'sessionLost' | 'callEnded'): void {
    for (const fn of this.hooks[event]) fn();
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  private dispatch(a: Action): void {
    const before = this.state;
    this.state = reduce(before, a);
    if (this.state !== before) {
      this.afterChange(before);
      this.emit();
    }
  }

  start(): void {
    if (this.socket) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${HUB_CONSOLE_WS_PATH}`;
    this.socket = new ConsoleSocket({
      url,
      create: (u) => new WebSocket(u) as unknown as SocketLike,
      parse: (d) => {
        const r = HubToConsole.safeParse(d);
        if (!r.success) console.warn('hub message refused', (d as { type?: string })?.type);
        return r.success ? r.data : null;
      },
      onMessage: (m) => this.onHub(m),
      onLink: (link, d) => {
        if (link === 'offline') this.wasOffline = true;
        if (link === 'online' && this.wasOffline) {
          this.wasOffline = false;
          this.call?.linkRestored();
        }
        this.dispatch({ kind: 'link', link });
        // Several failed attempts: maybe the session is gone (the upgrade is refused with 401).
        if (link === 'offline' && d.attempt >= 3 && d.attempt % 3 === 0) {
          void fetch('/api/me', { credentials: 'same-origin' })
            .then((r) => {
              if (r.status === 401) this.tell('sessionLost');
            })
            .catch(() => undefined);
        }
      },
    });
    this.socket.start();
  }

  stop(): void {
    this.socket?.stop();
    this.socket = null;
    this.ringer.stop();
    this.metrics.bell = false;
    this.endMedia();
    this.state = initialState();
    this.emit();
  }

  /** After "replaced": take the console back on this device. */
  reconnect(): void {
    this.socket?.stop();
    this.socket = null;
    this.start();
  }

  private onHub(m: HubToConsole): void {
    const now = Date.now();
    switch (m.type) {
      case 'ring':
        this.metrics.lastRingMs = Math.max(0, now - m.at);
        this.metrics.lastRingAt = now;
        this.metrics.ringMs.push(this.metrics.lastRingMs);
        void iceServers().catch(() => undefined); // warm the TURN credentials before accept
        break;
      case 'rtc.offer':
      case 'rtc.answer':
      case 'rtc.ice':
      case 'rtc.restart':
        void this.call?.handle(m as RtcIn).catch((e) => console.warn('rtc', String(e)));
        return;
      case 'liveview':
        if (m.callId !== this.state.call?.view.callId) return;
        this.metrics.liveEvents += m.events.length;
        this.addLive(m.events as RrEvent[]);
        return;
      default:
        break;
    }
    this.dispatch({ kind: 'hub', msg: m, now });
  }

  private afterChange(before: ConsoleState): void {
    // The bell.
    if (shouldRing(this.state)) {
      if (!this.ringer.ringing) this.ringer.start();
      this.soundBlocked = this.ringer.blocked;
    } else if (this.ringer.ringing) {
      this.ringer.stop();
      this.soundBlocked = false;
    }
    this.metrics.bell = this.ringer.ringing;
    // The call's media follow the call.
    const call = this.state.call;
    if (call && call.view.callId !== this.callId) {
      this.endMedia();
      this.startMedia(call.view.callId);
    } else if (!call && this.callId) {
      this.endMedia();
      if (before.call) this.tell('callEnded');
    }
  }

  private startMedia(callId: string): void {
    this.callId = callId;
    const acceptedAt = this.acceptedAt;
    this.acceptedAt = null;
    this.liveBuffer = [];
    this.live?.reset();
    void iceServers()
      .catch(() => [] as RTCIceServer[])
      .then((servers) => {
        if (this.callId !== callId) return;
        const call = new VolunteerCall({
          callId,
          iceServers: servers,
          acceptedAt: acceptedAt ?? performance.now(),
          send: (msg) => this.socket?.send(msg),
          onState: (s) => {
            const first = this.media?.connectMs == null && s.connectMs != null;
            this.media = { ...s };
            if (first && acceptedAt !== null && s.connectMs !== null) {
              this.metrics.lastConnectMs = s.connectMs;
              this.metrics.connectMs.push(s.connectMs);
            }
            this.emit();
          },
          onRemoteStream: (stream) => {
            this.remoteStream = stream;
            this.emit();
          },
          onLocalVideo: (stream) => {
            this.localVideo = stream;
            this.emit();
          },
        });
        this.call = call;
        this.media = { ...call.state };
        this.emit();
        return call.start();
      })
      .catch((e) => console.warn('call start', String(e)));
  }

  private endMedia(): void {
    this.call?.close();
    this.call = null;
    this.callId = null;
    this.media = null;
    this.remoteStream = null;
    this.localVideo = null;
    this.liveBuffer = [];
    this.live?.reset();
  }

  // ------------------------------------------------------------------ live view

  attachLive(view: LiveView | null): void {
    this.live = view;
    if (view && this.liveBuffer.length) {
      view.add(this.liveBuffer);
      this.liveBuffer = [];
    }
  }

  private addLive(events: RrEvent[]): void {
    if (this.live) return this.live.add(events);
    for (const e of events) {
      if (e.type === 2) {
        // A new full snapshot makes everything before it (but its Meta) useless.
        const meta = [...this.liveBuffer].reverse().find((x) => x.type === 4);
        this.liveBuffer = meta ? [meta] : [];
      }
      this.liveBuffer.push(e);
    }
    if (this.liveBuffer.length > MAX_BUFFERED_LIVE) this.liveBuffer.splice(0, this.liveBuffer.length - MAX_BUFFERED_LIVE);
  }

  // ------------------------------------------------------------------ actions

  /** From a user gesture: lets the ring sound play. */
  unlockSound(): void {
    this.ringer.unlock();
    this.soundBlocked = false;
    this.emit();
  }

  setStatus(status: VolunteerStatus): void {
    this.ringer.unlock();
    this.socket?.send({ type: 'status.set', status });
  }

  accept(requestId: string): void {
    this.ringer.unlock();
    this.acceptedAt = performance.now();
    this.dispatch({ kind: 'accept', requestId });
    this.socket?.send({ type: 'ring.accept', requestId });
  }

  decline(requestId: string): void {
    this.dispatch({ kind: 'decline', requestId });
    this.socket?.send({ type: 'ring.decline', requestId });
  }

  chat(text: string): void {
    const callId = this.state.call?.view.callId;
    const t = text.trim().slice(0, 1000);
    if (callId && t) this.socket?.send({ type: 'chat', callId, text: t });
  }

  pointer(x: number, y: number, selector: string | null): void {
    const callId = this.state.call?.view.callId;
    if (!callId) return;
    this.metrics.pointers++;
    this.socket?.send({ type: 'pointer', callId, x, y, selector: selector && selector.length <= 256 ? selector : null });
  }

  controlInput(selector: string, text: string): void {
    const c = this.state.call;
    if (!c || !c.controlGranted) return;
    this.socket?.send({ type: 'control.input', callId: c.view.callId, selector, text: text.slice(0, 500) });
  }

  endCall(note: string): void {
    const callId = this.state.call?.view.callId;
    if (!callId) return;
    const n = note.trim().slice(0, 280);
    this.socket?.send({ type: 'call.end', callId, note: n || null });
  }

  setMuted(m: boolean): void {
    this.call?.setMuted(m);
  }

  async setCamera(on: boolean): Promise<boolean> {
    try {
      await this.call?.setCamera(on);
      return true;
    } catch {
      return false;
    }
  }

  dismissEnded(): void {
    this.dispatch({ kind: 'dismiss-ended' });
  }
  dismissNotice(): void {
    this.dispatch({ kind: 'dismiss-notice' });
  }

  /** Before logging out: out of rotation. */
  goBusy(): void {
    if (this.socket?.isReady) this.socket.send({ type: 'status.set', status: 'busy' });
  }
}
