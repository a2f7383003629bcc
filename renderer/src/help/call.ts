/**
 * The kiosk's end of a help call: plain RTCPeerConnection, the kiosk answers
 * the volunteer's offer. Audio with echo cancellation on (a speaker in a shared
 * room); the volunteer's camera is shown if they turn it on; the kiosk camera
 * is never sent (it would need the resident's consent — a later step).
 * Signalling goes through the kiosk services to the hub (`help.send`).
 * Layer: renderer (browser APIs).
 */
import type { KioskClient } from '../../../common/contract/client.ts';
import type { HelpInbound } from '../../../common/contract/kiosk-api.ts';

export type CallMedia = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export class KioskCall {
  private pc: RTCPeerConnection | null = null;
  private mic: MediaStream | null = null;
  private closed = false;
  readonly remote = new MediaStream();

  constructor(
    private readonly client: KioskClient,
    readonly callId: string,
    private readonly onMedia: (m: CallMedia) => void,
    private readonly onVideo: (has: boolean) => void = () => undefined,
  ) {}

  private peer(): RTCPeerConnection {
    if (this.pc) return this.pc;
    const pc = new RTCPeerConnection({ iceServers: [] });
    pc.onicecandidate = (e) => {
      void this.client.call('help.send', { message: { type: 'rtc.ice', callId: this.callId, candidate: e.candidate ? e.candidate.toJSON() : null } } as never).catch(() => undefined);
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

  async handle(m: HelpInbound): Promise<void> {
    if (this.closed || !('callId' in m) || m.callId !== this.callId) return;
    if (m.type === 'rtc.offer') {
      const pc = this.peer();
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
