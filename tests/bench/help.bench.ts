/**
 * `npm run --silent bench:help [-- --runs N]`: N help calls on loopback with
 * the real pieces — a hub (SQLite), the kiosk (services process + renderer in
 * Chromium) and two volunteer consoles in their own Chromium contexts, fake
 * microphone and camera. One JSON line on stdout:
 *   {"runs": N, "ringMs": {"median", "p95"}, "connectMs": {"median", "p95"}}
 *  - ringMs: the resident's tap on "Cần hỗ trợ" (wall clock in the kiosk page)
 *    → the ring reaching the first volunteer console (wall clock there; same machine);
 *  - connectMs: the volunteer's tap on "Nhận cuộc gọi" → ICE connected with the
 *    kiosk's audio track playing in the console (measured by the console).
 * Goals: ring ≤ 300 ms, connected ≤ 2 s. Bounded: N ≤ 200 and 10 minutes.
 */
import { startHelpRig, waitAttr } from '../support/help-rig.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = Math.max(1, Math.min(200, arg('--runs', 20)));
const WARMUP = 2;
const BUDGET_MS = 10 * 60_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

async function main(): Promise<void> {
  const started = Date.now();
  const rig = await startHelpRig();
  const ring: number[] = [];
  const connect: number[] = [];
  try {
    const { kioskPage: kiosk } = rig;
    const vols = await Promise.all([rig.volunteer('tnv1'), rig.volunteer('tnv2')]);
    await kiosk.goto(rig.kiosk.url);
    await kiosk.getByTestId('welcome-start').click();
    for (let i = 0; i < RUNS + WARMUP && Date.now() - started < BUDGET_MS; i++) {
      const v = vols[i % 2]!;
      const other = vols[(i + 1) % 2]!;
      const before = await v.evaluate(() => window.__volunteerMetrics?.ringMs.length ?? 0);
      // The tap, timed inside the kiosk page.
      const tapAt = await kiosk.evaluate(() => {
        const t = Date.now();
        (document.querySelector('[data-testid="help"]') as HTMLButtonElement).click();
        return t;
      });
      await v.getByTestId('ring-panel').waitFor({ timeout: 10_000 });
      const ringAt = await v.evaluate((n) => (window.__volunteerMetrics!.ringMs.length > n ? window.__volunteerMetrics!.lastRingAt : null), before);
      await v.getByTestId('ring-accept').click();
      await waitAttr(v, 'call-panel', 'data-ice', /^(connected|completed)$/, 20_000).catch(async (e: unknown) => {
        throw new Error(`run ${i}: ${String(e)}; kiosk phase ${await kiosk.getByTestId('help-panel').getAttribute('data-phase')}, media ${await kiosk.getByTestId('help-media').getAttribute('data-state').catch(() => '-')}; errors ${rig.errors.join(' | ')}`);
      });
      const deadline = Date.now() + 10_000;
      let ms: number | null = null;
      while (ms === null && Date.now() < deadline) {
        ms = await v.evaluate(() => window.__volunteerMetrics?.lastConnectMs ?? null);
        if (ms === null) await new Promise((r) => setTimeout(r, 20));
      }
      if (i >= WARMUP) {
        if (ringAt === null || ms === null) throw new Error(`run ${i}: no ring or connect figure`);
        ring.push(ringAt - tapAt);
        connect.push(ms);
      }
      // Hang up, both sides back to where they were.
      await v.getByTestId('end-open').click();
      await v.getByTestId('end-confirm').click();
      await waitAttr(kiosk, 'help-panel', 'data-phase', 'ended', 10_000);
      await kiosk.getByTestId('help-close').click();
      await v.getByTestId('ended-close').click();
      if ((await v.getByTestId('console').getAttribute('data-status')) !== 'available') await v.getByTestId('status-available').click();
      await waitAttr(v, 'console', 'data-status', 'available', 5000);
      await waitAttr(other, 'console', 'data-ringing', 'false', 5000);
      await v.evaluate(() => {
        window.__volunteerMetrics!.lastConnectMs = null;
      });
    }
  } finally {
    await rig.close();
  }
  console.log(JSON.stringify({ runs: ring.length, ringMs: { median: pct(ring, 50), p95: pct(ring, 95) }, connectMs: { median: pct(connect, 50), p95: pct(connect, 95) } }));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
