import { describe, expect, it } from 'vitest';
import { AUDIO_CONSTRAINTS, describeIce, restartPolicy, VolunteerCall, type RtcOut } from '../../../../consoles/volunteer/rtc.ts';

const CALL = '7d0c3c53-4a43-4c5e-9a55-3f2d8f7b1a10';

/** Just enough of RTCPeerConnection to drive the negotiation logic. */
class FakePc {
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  onicecandidate: ((e: any) => void) | null = null;
  ontrack: ((e: any) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  onnegotiationneeded: (() => void) | null = null;
  added: unknown[] = [];
  candidates: unknown[] = [];
  restarts = 0;
  offers = 0;
  addTrack(t: unknown) {
    this.added.push(t);
    queueMicrotask(() => this.onnegotiationneeded?.());
    return {};
  }
  addTransceiver(kind: string) {
    this.added.push(kind);
    queueMicrotask(() => this.onnegotiationneeded?.());
  }
  async createOffer() {
    return { type: 'offer', sdp: `offer-${++this.offers}${this.restarts ? '-restart' : ''}` };
  }
  async setLocalDescription(d: { type: string; sdp: string }) {
    if (d.type === 'rollback') {
      this.signalingState = 'stable';
      this.localDescription = null;
      return;
    }
    this.localDescription = d;
    this.signalingState = 'have-local-offer';
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    this.remoteDescription = d;
    this.signalingState = 'stable';
  }
  async addIceCandidate(c: unknown) {
    this.candidates.push(c);
  }
  restartIce() {
    this.restarts++;
    queueMicrotask(() => this.onnegotiationneeded?.());
  }
  setIce(s: RTCIceConnectionState) {
    this.iceConnectionState = s;
    this.oniceconnectionstatechange?.();
  }
  close() {}
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const track = (kind: string) => ({ kind, enabled: true, stop() {} });

function setup(mic = true) {
  const pc = new FakePc();
  const sent: RtcOut[] = [];
  const constraints: MediaStreamConstraints[] = [];
  let t = 0;
  const call = new VolunteerCall({
    callId: CALL,
    iceServers: [],
    acceptedAt: 0,
    now: () => t,
    send: (m) => sent.push(m),
    createPeer: () => pc as unknown as RTCPeerConnection,
    getUserMedia: async (c) => {
      constraints.push(c);
      if (!mic) throw new Error('NotFoundError');
      return { getAudioTracks: () => [track('audio')], getVideoTracks: () => [], getTracks: () => [] } as unknown as MediaStream;
    },
    onState: () => undefined,
    onRemoteStream: () => undefined,
    setTimer: (fn) => setTimeout(fn, 5),
    clearTimer: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  });
  return { pc, sent, constraints, call, setNow: (v: number) => (t = v) };
}

describe('volunteer WebRTC', () => {
  it('words for connection states; restart on failed now, on disconnected later', () => {
    expect(describeIce('checking', false)).toBe('Đang kết nối âm thanh…');
    expect(describeIce('connected', true)).toMatch(/^Đã kết nối/);
    expect(describeIce('failed', false)).toMatch(/thử lại/);
    expect(restartPolicy('failed')).toBe('now');
    expect(restartPolicy('disconnected')).toBe('later');
    expect(restartPolicy('connected')).toBe('no');
  });

  it('offers after opening the microphone with echo cancellation; queues ICE until the answer', async () => {
    const { pc, sent, constraints, call, setNow } = setup();
    await call.start();
    await tick();
    expect(constraints[0]).toEqual({ audio: AUDIO_CONSTRAINTS, video: false });
    expect(AUDIO_CONSTRAINTS).toEqual({ echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    expect(sent.map((m) => m.type)).toEqual(['rtc.offer']);
    const ice = { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null };
    await call.handle({ type: 'rtc.ice', seq: 1, callId: CALL, candidate: ice });
    expect(pc.candidates).toEqual([]);
    await call.handle({ type: 'rtc.answer', seq: 2, callId: CALL, sdp: 'answer' });
    expect(pc.candidates).toEqual([ice]);
    // A stale answer (not expecting one) is ignored.
    await call.handle({ type: 'rtc.answer', seq: 3, callId: CALL, sdp: 'late' });
    expect(pc.remoteDescription?.sdp).toBe('answer');
    // connectMs: ICE connected with the kiosk's audio.
    setNow(420);
    pc.ontrack?.({ track: track('audio') });
    pc.setIce('connected');
    expect(call.state.connectMs).toBe(420);
    call.close();
  });

  it('without a microphone it still offers to receive audio', async () => {
    const { pc, sent, call } = setup(false);
    await call.start();
    await tick();
    expect(pc.added).toEqual(['audio']);
    expect(call.state.micOk).toBe(false);
    expect(sent[0]?.type).toBe('rtc.offer');
    call.close();
  });

  it('restarts ICE when it fails, when it stays disconnected and when the kiosk asks', async () => {
    const { pc, sent, call } = setup();
    await call.start();
    await tick();
    await call.handle({ type: 'rtc.answer', seq: 1, callId: CALL, sdp: 'answer' });
    pc.setIce('failed');
    await tick();
    expect(pc.restarts).toBe(1);
    expect(sent.filter((m) => m.type === 'rtc.offer')).toHaveLength(2);
    await call.handle({ type: 'rtc.answer', seq: 2, callId: CALL, sdp: 'answer2' });
    pc.setIce('disconnected');
    await new Promise((r) => setTimeout(r, 20));
    expect(pc.restarts).toBe(2);
    // The kiosk asks while our offer is unanswered: roll back and restart.
    await call.handle({ type: 'rtc.restart', seq: 3, callId: CALL });
    await tick();
    await tick();
    expect(pc.restarts).toBe(3);
    // Messages for another call are ignored.
    await call.handle({ type: 'rtc.restart', seq: 4, callId: '0b0e7b1c-1111-4c5e-9a55-3f2d8f7b1a10' });
    expect(pc.restarts).toBe(3);
    call.close();
  });
});
