/**
 * The kiosk's end of a help call: plain RTCPeerConnection, the kiosk answers
 * the volunteer's offer. Audio with echo cancellation on (a speaker in a shared
 * room); the volunteer's camera is shown if they turn it on; the kiosk camera
 * is never sent (it would need the resident's consent — a later step).
 * Signalling goes through the kiosk services to the hub (`help.send`).
 * Layer: renderer (browser APIs).
 */
import type { KioskClient } from '../../../common/contract/client.ts';
import type { HelpInbound, HelpOutbound } from '../../../common/contract/kiosk-api.ts';

export type CallMedia = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** The browser's ICE candidate (null: gathering is complete) as the hub contract's `rtc.ice` message, typed by the contract. */
export function iceMessage(callId: string, c: Pick<RTCIceCandidate, 'candidate' | 'sdpMid' | 'sdpMLineIndex' | 'usernameFragment'> | null): HelpOutbound {
  return { type: 'rtc.ice', callId, candidate: c ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment } : null };
}

export class KioskCall {
  private pc: RTCPeerConnection | null = null;
  private mic: MediaStream | null = null;
  private closed = false;
  /** Signalling is handled in arrival order (candidates wait for the offer). */
  private chain: Promise<void> = Promise.resolve();
  /** The hub's TURN servers, fetched as the call starts. */
  private readonly servers: Promise<RTCIceServer[]>;
  readonly remote = new MediaStream();

  constructor(
    private readonly client: KioskClient,
    readonly callId: string,
    private readonly onMedia: (m: CallMedia) => void,
    private readonly onVideo: (has: boolean) => void = () => undefined,
  ) {
    this.servers = client
      .call('help.iceServers', {})
      .then((r) => r.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })))
      .catch(() => []);
  }

  private async peer(): Promise<RTCPeerConnection> {
    if (this.pc) return this.pc;
    const iceServers = await this.servers;
    if (this.pc) return this.pc;
    const pc = new RTCPeerConnection({ iceServers });
    pc.onicecandidate = (e) => {
      void this.client.call('help.send', { message: iceMessage(this.callId, e.candidate) }).catch(() => undefined);
    };
    pc.ontrack = (e) => {
      this.remote.addTrack(e.track);
      if (e.track.kind === 'video') this.onVideo(true);
    };
    pc.oniceconnectionstatechange = () => {
      const s = pc.iceConnectionState;
      if (s === 'connected' || s === 'completed') this.onMedia('connected');
      else if (s === 'disconnected') this.onMedia('reconnecting');
      else if (s === 'failed') {
        this.onMedia('reconnecting');
        // Ask the volunteer's side (the offerer) to restart ICE.
        void this.client.call('help.send', { message: { type: 'rtc.restart', callId: this.callId } }).catch(() => undefined);
      }
    };
    this.pc = pc;
    return pc;
  }

  handle(m: HelpInbound): Promise<void> {
    if (this.closed || !('callId' in m) || m.callId !== this.callId) return Promise.resolve();
    if (m.type !== 'rtc.offer' && m.type !== 'rtc.ice') return Promise.resolve();
    this.chain = this.chain.then(() => this.process(m)).catch(() => undefined);
    return this.chain;
  }

  private async process(m: HelpInbound): Promise<void> {
    if (this.closed) return;
    if (m.type === 'rtc.offer') {
      const pc = await this.peer();
      if (this.closed) return;
      await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
      if (!this.mic) {
        try {
          this.mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
          for (const t of this.mic.getTracks()) pc.addTrack(t, this.mic);
        } catch {
          // No microphone: the volunteer still hears nothing but chat works.
        }
      }
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await this.client.call('help.send', { message: { type: 'rtc.answer', callId: this.callId, sdp: answer.sdp ?? '' } });
    } else if (m.type === 'rtc.ice' && this.pc) {
      if (m.candidate) await this.pc.addIceCandidate(m.candidate).catch(() => undefined);
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.mic?.getTracks() ?? []) t.stop();
    for (const t of this.remote.getTracks()) t.stop();
    this.pc?.close();
    this.pc = null;
  }
}
