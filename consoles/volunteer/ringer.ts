/**
 * The ring: two soft tones made with WebAudio (no audio file), 1.2 s on,
 * 1.8 s off, until stopped. Browsers start an AudioContext suspended until a
 * user gesture: `unlock()` is called on the login / Sẵn sàng clicks; if the
 * context is still suspended when a call rings, `blocked` tells the UI to ask
 * for a tap. Layer: browser.
 */

export const RING_ON_MS = 1200;
export const RING_PERIOD_MS = 3000;

export class Ringer {
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private nodes: { osc: OscillatorNode[]; gain: GainNode } | null = null;

  get ringing(): boolean {
    return this.timer !== null;
  }

  /** Whether the browser still blocks sound (no gesture yet). */
  get blocked(): boolean {
    return !this.ctx || this.ctx.state !== 'running';
  }

  /** Call from a user gesture. */
  unlock(): void {
    try {
      if (!this.ctx) this.ctx = new AudioContext();
      if (this.ctx.state === 'suspended') void this.ctx.resume();
    } catch {
      /* no WebAudio: the ring panel still flashes */
    }
  }

  start(): void {
    if (this.timer) return;
    this.unlock();
    this.burst();
    this.timer = setInterval(() => this.burst(), RING_PERIOD_MS);
  }

  private burst(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const t0 = ctx.currentTime + 0.02;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, t0);
    // Two short rings inside the burst, with soft edges (no clicks).
    for (const [a, b] of [
      [0, 0.5],
      [0.7, 1.2],
    ] as const) {
      gain.gain.linearRampToValueAtTime(0.22, t0 + a + 0.03);
      gain.gain.setValueAtTime(0.22, t0 + b - 0.05);
      gain.gain.linearRampToValueAtTime(0, t0 + b);
    }
    gain.connect(ctx.destination);
    const osc = [659.25, 783.99].map((f) => {
      const o = ctx.createOscillator();
      o.type = 'sine';
      o.frequency.value = f;
      o.connect(gain);
      o.start(t0);
      o.stop(t0 + RING_ON_MS / 1000 + 0.05);
      return o;
    });
    this.nodes = { osc, gain };
    osc[0]!.onended = () => gain.disconnect();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.nodes) {
      for (const o of this.nodes.osc) {
        try {
          o.stop();
        } catch {
          /* already stopped */
        }
      }
      this.nodes.gain.disconnect();
      this.nodes = null;
    }
  }
}
