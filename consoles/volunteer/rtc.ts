/**
 * The volunteer's end of a help call: plain RTCPeerConnection, no wrapper
 * library. The volunteer is the offerer (the kiosk answers — see
 * renderer/src/help/call.ts): every negotiation (the first one, the camera
 * going on or off, an ICE restart) is an `rtc.offer` through the hub, the
 * kiosk's `rtc.answer` completes it, candidates go both ways as `rtc.ice`.
 *
 *  - microphone with echo cancellation, noise suppression and AGC; without a
 *    microphone we still offer to receive the kiosk's audio;
 *  - the volunteer's camera is off by default; turning it on adds a video
 *    track (renegotiation), off removes it;
 *  - `restartIce()` when ICE fails, or stays disconnected for a moment, when
 *    the kiosk sends `rtc.restart`, or when our signalling link comes back;
 *  - `connectMs`: from accept to ICE connected with the kiosk's audio track.
 * The RTCPeerConnection and getUserMedia are injected (unit tests use fakes).
 * Layer: browser code without DOM access.
 */
import type { Unsequenced } from '../../common/contract/hub-common.ts';
import type { ConsoleToHub, HubToConsole } from '../../common/contract/hub-console.ts';

export const AUDIO_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
export const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 15 } };

export type RtcOut = Extract<Unsequenced<ConsoleToHub>, { type: 'rtc.offer' | 'rtc.answer' | 'rtc.ice' | 'rtc.restart' }>;
export type RtcIn = Extract<HubToConsole, { type: 'rtc.offer' | 'rtc.answer' | 'rtc.ice' | 'rtc.restart' }>;

/** A disconnected ICE often recovers by itself; restart only if it lasts. */
export const DISCONNECTED_RESTART_MS = 2000;

/** The connection state in words (Vietnamese), for the call panel. */
export function describeIce(state: RTCIceConnectionState | 'none', hasAudio: boolean): string {
  switch (state) {
    case 'none':
    case 'new':
      return 'Đang chuẩn bị âm thanh…';
    case 'checking':
      return 'Đang kết nối âm thanh…';
    case 'connected':
    case 'completed':
      return hasAudio ? 'Đã kết nối — đang nghe được' : 'Đã kết nối';
    case 'disconnected':
      return 'Tín hiệu chập chờn — đang nối lại…';
    case 'failed':
      return 'Mất kết nối âm thanh — đang thử lại…';
    case 'closed':
      return 'Đã ngắt âm thanh';
  }
}

/** Whether this ICE state calls for an ICE restart now (failed) or after a pause (disconnected). */
export function restartPolicy(state: RTCIceConnectionState): 'now' | 'later' | 'no' {
  if (state === 'failed') return 'now';
  if (state === 'disconnected') return 'later';
  return 'no';
}

export interface CallMediaState {
  ice: RTCIceConnectionState | 'none';
  hasRemoteAudio: boolean;
  hasRemoteVideo: boolean;
  micOk: boolean;
  muted: boolean;
  camera: boolean;
  restarts: number;
  connectMs: number | null;
}

export interface VolunteerCallOptions {
  callId: string;
  send: (m: RtcOut) => void;
  iceServers: RTCIceServer[];
  createPeer?: (config: RTCConfiguration) => RTCPeerConnection;
  getUserMedia?: (c: MediaStreamConstraints) => Promise<MediaStream>;
  /** performance.now() when the volunteer pressed accept. */
  acceptedAt: number;
  now?: () => number;
  onState: (s: CallMediaState) => void;
  onRemoteStream: (stream: MediaStream) => void;
  onLocalVideo?: (stream: MediaStream | null) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

export class VolunteerCall {
  private pc: RTCPeerConnection | null = null;
  private mic: MediaStream | null = null;
  private cam: MediaStream | null = null;
  private camSender: RTCRtpSender | null = null;
  private pendingIce: RTCIceCandidateInit[] = [];
  private makingOffer = false;
  private closed = false;
  private disconnectTimer: unknown = null;
  private readonly remote: MediaStream | null;
  private readonly now: () => number;
  state: CallMediaState = { ice: 'none', hasRemoteAudio: false, hasRemoteVideo: false, micOk: false, muted: false, camera: false, restarts: 0, connectMs: null };

  constructor(private readonly o: VolunteerCallOptions) {
    this.now = o.now ?? (() => performance.now());
    this.remote = typeof MediaStream === 'undefined' ? null : new MediaStream();
  }

  private update(p: Partial<CallMediaState>): void {
    this.state = { ...this.state, ...p };
    if (this.state.connectMs === null && (this.state.ice === 'connected' || this.state.ice === 'completed') && this.state.hasRemoteAudio) {
      this.state.connectMs = Math.round(this.now() - this.o.acceptedAt);
    }
    this.o.onState(this.state);
  }

  /** Opens the microphone and the peer connection; the first offer follows (negotiationneeded). */
  async start(): Promise<void> {
    const pc = (this.o.createPeer ?? ((c) => new RTCPeerConnection(c)))({ iceServers: this.o.iceServers });
    this.pc = pc;
    pc.onicecandidate = (e) => {
      if (this.closed) return;
      const c = e.candidate;
      this.o.send({
        type: 'rtc.ice',
        callId: this.o.callId,
        candidate: c ? { candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null, usernameFragment: c.usernameFragment ?? null } : null,
      });
    };
    pc.ontrack = (e) => {
      if (this.remote && !this.remote.getTracks().includes(e.track)) this.remote.addTrack(e.track);
      if (this.remote) this.o.onRemoteStream(this.remote);
      if (e.track.kind === 'audio') this.update({ hasRemoteAudio: true });
      if (e.track.kind === 'video') {
        this.update({ hasRemoteVideo: true });
        e.track.onmute = () => this.update({ hasRemoteVideo: false });
        e.track.onunmute = () => this.update({ hasRemoteVideo: true });
      }
    };
    pc.oniceconnectionstatechange = () => this.onIce(pc.iceConnectionState);
    pc.onnegotiationneeded = () => void this.negotiate();

    const gum = this.o.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c));
    try {
      this.mic = await gum({ audio: AUDIO_CONSTRAINTS, video: false });
      if (this.closed) return this.stopStreams();
      for (const t of this.mic.getAudioTracks()) pc.addTrack(t, this.mic);
      this.update({ micOk: true });
    } catch {
      // No microphone (or refused): still hear the resident; chat remains.
      if (!this.closed) pc.addTransceiver('audio', { direction: 'recvonly' });
      this.update({ micOk: false });
    }
  }

  private onIce(s: RTCIceConnectionState): void {
    if (this.closed) return;
    this.update({ ice: s });
    if (this.disconnectTimer !== null) {
      (this.o.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>)))(this.disconnectTimer);
      this.disconnectTimer = null;
    }
    const p = restartPolicy(s);
    if (p === 'now') this.restart();
    else if (p === 'later') {
      this.disconnectTimer = (this.o.setTimer ?? ((fn, ms) => setTimeout(fn, ms)))(() => {
        this.disconnectTimer = null;
        if (this.pc?.iceConnectionState === 'disconnected') this.restart();
      }, DISCONNECTED_RESTART_MS);
    }
  }

  private async negotiate(): Promise<void> {
    const pc = this.pc;
    if (!pc || this.closed || this.makingOffer) return;
    try {
      this.makingOffer = true;
      const offer = await pc.createOffer();
      if (pc.signalingState !== 'stable' || this.closed) return;
      await pc.setLocalDescription(offer);
      this.o.send({ type: 'rtc.offer', callId: this.o.callId, sdp: pc.localDescription?.sdp ?? offer.sdp ?? '' });
    } catch {
      /* a later negotiationneeded or restart retries */
    } finally {
      this.makingOffer = false;
    }
  }

  /** ICE restart: a new offer with fresh credentials follows (negotiationneeded). */
  restart(): void {
    const pc = this.pc;
    if (!pc || this.closed) return;
    this.update({ restarts: this.state.restarts + 1 });
    if (pc.signalingState !== 'stable') {
      // Our previous offer is still unanswered (the kiosk may have missed it): start over.
      void pc
        .setLocalDescription({ type: 'rollback' })
        .then(() => pc.restartIce())
        .catch(() => undefined);
      return;
    }
    pc.restartIce();
  }

  /** The signalling link came back: if media is not flowing, restart ICE. */
  linkRestored(): void {
    const s = this.pc?.iceConnectionState;
    if (s && s !== 'connected' && s !== 'completed' && s !== 'new' && s !== 'checking') this.restart();
  }

  async handle(m: RtcIn): Promise<void> {
    const pc = this.pc;
    if (!pc || this.closed || m.callId !== this.o.callId) return;
    switch (m.type) {
      case 'rtc.answer':
        if (pc.signalingState !== 'have-local-offer') return; // a stale answer
        await pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
        for (const c of this.pendingIce.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
        return;
      case 'rtc.ice':
        if (!m.candidate) return;
        if (!pc.remoteDescription) this.pendingIce.push(m.candidate);
        else await pc.addIceCandidate(m.candidate).catch(() => undefined);
        return;
      case 'rtc.restart':
        this.restart();
        return;
      case 'rtc.offer': {
        // The kiosk does not offer today; answer if we can, ignore if we are mid-offer (we lead).
        if (pc.signalingState !== 'stable' || this.makingOffer) return;
        await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        this.o.send({ type: 'rtc.answer', callId: this.o.callId, sdp: pc.localDescription?.sdp ?? answer.sdp ?? '' });
        for (const c of this.pendingIce.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
        return;
      }
    }
  }

  setMuted(muted: boolean): void {
    for (const t of this.mic?.getAudioTracks() ?? []) t.enabled = !muted;
    this.update({ muted });
  }

  async setCamera(on: boolean): Promise<void> {
    const pc = this.pc;
    if (!pc || this.closed || on === this.state.camera) return;
    if (on) {
      const gum = this.o.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c));
      const cam = await gum({ audio: false, video: VIDEO_CONSTRAINTS });
      if (this.closed) {
        for (const t of cam.getTracks()) t.stop();
        return;
      }
      this.cam = cam;
      const track = cam.getVideoTracks()[0];
      if (track) this.camSender = pc.addTrack(track, cam);
      this.o.onLocalVideo?.(cam);
      this.update({ camera: true });
    } else {
      if (this.camSender) pc.removeTrack(this.camSender);
      this.camSender = null;
      for (const t of this.cam?.getTracks() ?? []) t.stop();
      this.cam = null;
      this.o.onLocalVideo?.(null);
      this.update({ camera: false });
    }
  }

  private stopStreams(): void {
    for (const t of this.mic?.getTracks() ?? []) t.stop();
    for (const t of this.cam?.getTracks() ?? []) t.stop();
    this.mic = null;
    this.cam = null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.disconnectTimer !== null) (this.o.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>)))(this.disconnectTimer);
    this.stopStreams();
    for (const t of this.remote?.getTracks() ?? []) t.stop();
    this.o.onLocalVideo?.(null);
    try {
      this.pc?.close();
    } catch {
      /* ignore */
    }
    this.pc = null;
    this.state = { ...this.state, ice: 'closed' };
  }
}
