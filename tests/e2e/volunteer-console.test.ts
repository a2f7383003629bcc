/**
 * The volunteer console in Chromium against a real hub (in-process, temp
 * SQLite, demo users), with the kiosk simulated: a Node `ws` client speaks
 * hub-kiosk.ts, and a third browser context plays the kiosk's WebRTC answerer
 * and its rrweb recorder (an ID field masked on the "kiosk" before anything
 * leaves it). Two volunteers log in and go Sẵn sàng; the kiosk asks for help →
 * both ring → one accepts → the other stops ringing; audio connects through a
 * real offer/answer relayed by the hub; chat both ways; the live view replays
 * the kiosk screen with the ID masked; a click on it comes back to the kiosk
 * as a pointer with a selector; typing only after the resident's grant;
 * hang-up with a note, which shows in the history. Then, on a phone-sized
 * console: a ring nobody answers is withdrawn after `noAnswerMs`, the bell
 * stops, Tạm vắng shows with its banner; Sẵn sàng rings again at once.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, MEDIA_ARGS } from '../support/browser.ts';
import { ensureConsolesBuilt, trackedPage } from '../support/help-rig.ts';
import { ROOT, SCREENS_DIR } from '../support/paths.ts';
import { enrolKiosk, kioskClient, startHub, type Client, type Running } from '../unit/hub/helpers.ts';
import { seededSqlite } from '../support/hub.ts';

const RECORD_UMD = path.join(ROOT, 'node_modules', '@rrweb', 'record', 'dist', 'record.umd.min.cjs');
const KIOSK_ID = 'kiosk-vol-e2e';
const ID_NUMBER = '001203004567';

/** The simulated kiosk screen (served by a route in the kiosk context only). */
const KIOSK_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>kiosk</title>
<style>body{margin:0;font:24px sans-serif;background:#fffdf5} h1{color:#0b5cab;margin:40px} .field{margin:40px} input{font-size:28px;width:600px}
button{font-size:28px;margin:40px;padding:20px 40px}</style></head>
<body><h1 data-testid="kiosk-title">Đăng ký thường trú</h1>
<div class="field"><label>Số CCCD <input data-testid="id-number" name="idNumber" value="${ID_NUMBER}"></label></div>
<div class="field"><label>Ghi chú <input data-testid="note-field" name="note" value=""></label></div>
<button data-testid="next-step">Tiếp tục</button></body></html>`;

describe('volunteer console in Chromium', () => {
  let hub: Running;
  let browser: Browser;
  let kiosk: Client;
  let kioskPage: Page;
  let v1: Page;
  let v2: Page;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureConsolesBuilt();
    hub = await startHub((await seededSqlite('volunteer-e2e')).url, { ringTimeoutMs: 60_000, escalateMs: 1000, callGraceMs: 30_000 });
    const secret = await enrolKiosk(hub, KIOSK_ID);
    kiosk = await kioskClient(hub, KIOSK_ID, secret);
    browser = await launchChromium([...MEDIA_ARGS, '--autoplay-policy=no-user-gesture-required']);
    const newPage = (viewport: { width: number; height: number }, label: string) => trackedPage(browser, viewport, label, errors, contexts);
    v1 = await newPage({ width: 1366, height: 768 }, 'v1');
    v2 = await newPage({ width: 390, height: 844 }, 'v2');

    // The kiosk's browser side: WebRTC answerer + rrweb recorder with masking.
    const kctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(kctx);
    await kctx.route(`${hub.url}/kiosk-sim`, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: KIOSK_HTML }));
    kioskPage = await kctx.newPage();
    await kioskPage.exposeFunction('toHub', (msg: Record<string, unknown>) => {
      kiosk.send(msg);
    });
    await kioskPage.goto(`${hub.url}/kiosk-sim`);
    await kioskPage.addScriptTag({ content: readFileSync(RECORD_UMD, 'utf8') });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await kiosk?.close();
    await hub?.hub.close();
  });

  const login = async (page: Page, username: string, base = hub.url) => {
    await page.goto(`${base}/volunteer/`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('hotro-2468');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('console').getAttribute('data-link'), { timeout: 10_000 }).toBe('online');
    await page.getByTestId('status-available').click();
    await expect.poll(() => page.getByTestId('console').getAttribute('data-status'), { timeout: 5000 }).toBe('available');
  };

  /** Relays the hub's signalling for this call into the kiosk page (the page answers through `toHub`). */
  const relaySignalling = (callId: string) => {
    let stop = false;
    let cursor = 0;
    void (async () => {
      while (!stop) {
        for (; cursor < kiosk.received.length; cursor++) {
          const m = kiosk.received[cursor]!;
          if (m.type.startsWith('rtc.') && m.callId === callId) await kioskPage.evaluate((msg) => (window as any).__onSignal(msg), m);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    return () => {
      stop = true;
    };
  };

  it('rings both, one accepts, the other stops; audio, chat, live view, pointer, control, hang-up', async () => {
    await Promise.all([login(v1, 'tnv1'), login(v2, 'tnv2')]);

    kiosk.send({ type: 'help.request', lang: 'vi', screen: 'form:1.000894' });
    await kiosk.type('help.queued');
    await v1.getByTestId('ring-panel').waitFor({ timeout: 5000 });
    await v2.getByTestId('ring-panel').waitFor({ timeout: 5000 });
    expect(await v1.getByTestId('ring-screen').innerText()).toContain('Điền tờ khai');
    expect(await v1.getByTestId('ring-lang').innerText()).toBe('Tiếng Việt');
    const ringMs = await v1.evaluate(() => window.__volunteerMetrics?.lastRingMs);
    expect(typeof ringMs).toBe('number');
    expect(ringMs).toBeLessThan(1000);
    expect(await v2.getByTestId('console').getAttribute('data-ringing')).toBe('true');

    // The kiosk page gets ready to answer and record before the accept.
    await kioskPage.evaluate(() => {
      const w = window as any;
      const pc = new RTCPeerConnection({ iceServers: [] });
      w.__pc = pc;
      pc.onicecandidate = (e: RTCPeerConnectionIceEvent) => {
        const c = e.candidate;
        w.toHub({ type: 'rtc.ice', callId: w.__callId, candidate: c ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment } : null });
      };
      w.__onSignal = async (m: any) => {
        if (m.type === 'rtc.offer') {
          await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
          if (!w.__mic) {
            w.__mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true }, video: false });
            for (const t of w.__mic.getTracks()) pc.addTrack(t, w.__mic);
          }
          const answer = await pc.createAnswer();
          await pc.setLocalDescription(answer);
          w.toHub({ type: 'rtc.answer', callId: w.__callId, sdp: answer.sdp });
        } else if (m.type === 'rtc.ice' && m.candidate) {
          await pc.addIceCandidate(m.candidate).catch(() => undefined);
        }
      };
    });

    await v1.getByTestId('ring-accept').click();
    const accepted = await kiosk.type('help.accepted', 5000);
    const callId = accepted.requestId as string;
    await kioskPage.evaluate((id) => ((window as any).__callId = id), callId);
    const stopRelay = relaySignalling(callId);

    // The other volunteer stops ringing at once.
    await v2.getByTestId('ring-panel').waitFor({ state: 'detached', timeout: 3000 });
    expect(await v2.getByTestId('console').getAttribute('data-ringing')).toBe('false');
    await v1.getByTestId('call-panel').waitFor({ timeout: 5000 });
    expect(await v1.getByTestId('call-kiosk').innerText()).toBe(`Kiosk ${KIOSK_ID}`);

    // Audio: offer from the volunteer, answer from the kiosk page, both through the hub.
    await expect.poll(() => v1.getByTestId('call-panel').getAttribute('data-ice'), { timeout: 15_000 }).toMatch(/^(connected|completed)$/);
    await expect.poll(() => v1.evaluate(() => window.__volunteerMetrics?.lastConnectMs ?? null), { timeout: 10_000 }).not.toBeNull();
    const connectMs = (await v1.evaluate(() => window.__volunteerMetrics?.lastConnectMs)) as number;
    expect(connectMs).toBeGreaterThan(0);
    expect(connectMs).toBeLessThan(10_000);
    expect(await v1.getByTestId('call-conn').innerText()).toContain('Đã kết nối');
    expect(await kioskPage.evaluate(() => (window as any).__pc.getReceivers().some((r: RTCRtpReceiver) => r.track.kind === 'audio'))).toBe(true);

    // Chat both ways.
    await v1.getByTestId('chat-input').fill('Chào bác, cháu nghe đây ạ');
    await v1.getByTestId('chat-send').click();
    const line = await kiosk.next((m) => m.type === 'chat' && m.from === 'volunteer', 5000, 'chat from the volunteer');
    expect(line.text).toBe('Chào bác, cháu nghe đây ạ');
    kiosk.send({ type: 'chat', callId, text: 'Cháu ơi, bác không biết điền số CCCD' });
    await expect.poll(() => v1.getByTestId('chat-log').innerText(), { timeout: 5000 }).toContain('bác không biết điền số CCCD');

    // Live view: the kiosk records with masking and sends rrweb events; the volunteer's replayer shows them.
    await kioskPage.evaluate(() => {
      const w = window as any;
      let batch: unknown[] = [];
      w.__stopRecord = w.rrwebRecord.record({
        emit: (e: unknown) => batch.push(e),
        maskAllInputs: true,
        maskInputOptions: { password: true },
      });
      w.__flush = setInterval(() => {
        if (!batch.length) return;
        const events = batch.slice(0, 500);
        batch = batch.slice(500);
        w.toHub({ type: 'liveview', callId: w.__callId, events });
      }, 100);
    });
    await expect.poll(() => v1.getByTestId('liveview').getAttribute('data-has-screen'), { timeout: 10_000 }).toBe('true');
    const replay = v1.frameLocator('[data-testid="liveview-stage"] iframe');
    await expect.poll(() => replay.locator('[data-testid="kiosk-title"]').innerText(), { timeout: 10_000 }).toBe('Đăng ký thường trú');
    const shownId = await replay.locator('[data-testid="id-number"]').evaluate((el) => (el as HTMLInputElement).value);
    expect(shownId).not.toContain(ID_NUMBER.slice(-6));
    expect(shownId).toMatch(/^\*+$/);
    // A change on the kiosk arrives too (incremental events).
    await kioskPage.evaluate(() => (document.querySelector('[data-testid="kiosk-title"]')!.textContent = 'Bước 2: Kiểm tra'));
    await expect.poll(() => replay.locator('[data-testid="kiosk-title"]').innerText(), { timeout: 10_000 }).toBe('Bước 2: Kiểm tra');

    // Pointer: a click on the replayed "Tiếp tục" button reaches the kiosk with its selector.
    const box = await v1.locator('[data-testid="liveview-stage"] iframe').boundingBox();
    const target = await kioskPage.getByTestId('next-step').boundingBox();
    expect(box && target).toBeTruthy();
    const fx = (target!.x + target!.width / 2) / 1280;
    const fy = (target!.y + target!.height / 2) / 800;
    await v1.mouse.click(box!.x + fx * box!.width, box!.y + fy * box!.height);
    const ptr = await kiosk.next((m) => m.type === 'pointer', 5000, 'pointer');
    expect(ptr.callId).toBe(callId);
    expect(ptr.x).toBeCloseTo(fx, 1);
    expect(ptr.y).toBeCloseTo(fy, 1);
    expect(ptr.selector).toBe('[data-testid="next-step"]');
    await v1.getByTestId('pointer-mark').waitFor({ timeout: 2000 });

    // Typing: refused in the UI until the resident grants it.
    expect(await v1.getByTestId('control-input').isDisabled()).toBe(true);
    kiosk.send({ type: 'control.grant', callId });
    await expect.poll(() => v1.getByTestId('control-state').innerText(), { timeout: 5000 }).toBe('Người dân đã cho phép điều khiển');
    const field = await kioskPage.getByTestId('note-field').boundingBox();
    await v1.mouse.click(box!.x + ((field!.x + 20) / 1280) * box!.width, box!.y + ((field!.y + field!.height / 2) / 800) * box!.height);
    await kiosk.next((m) => m.type === 'pointer', 5000, 'pointer on the field');
    await v1.getByTestId('control-input').fill('Hộ khẩu cũ');
    await v1.getByTestId('control-send').click();
    const input = await kiosk.next((m) => m.type === 'control.input', 5000, 'control.input');
    expect(input.selector).toBe('[data-testid="note-field"]');
    expect(input.text).toBe('Hộ khẩu cũ');
    kiosk.send({ type: 'control.revoke', callId });
    await expect.poll(() => v1.getByTestId('control-input').isDisabled(), { timeout: 5000 }).toBe(true);

    // Hang-up with a note; the history shows it. The other volunteer was never disturbed.
    await v1.getByTestId('end-open').click();
    await v1.getByTestId('end-note').fill('Hướng dẫn điền tờ khai thường trú');
    await v1.getByTestId('end-confirm').click();
    const ended = await kiosk.type('call.ended', 5000);
    expect(ended.by).toBe('volunteer');
    stopRelay();
    await kioskPage.evaluate(() => {
      const w = window as any;
      clearInterval(w.__flush);
      w.__stopRecord?.();
      w.__pc.close();
      for (const t of w.__mic?.getTracks() ?? []) t.stop();
    });
    await v1.getByTestId('ended').waitFor({ timeout: 5000 });
    expect(await v1.getByTestId('ended').getAttribute('data-by')).toBe('volunteer');
    await expect.poll(() => v1.getByTestId('history').innerText(), { timeout: 5000 }).toContain('Hướng dẫn điền tờ khai thường trú');
    expect(await v2.getByTestId('console').getAttribute('data-status')).toBe('available');
    expect(kiosk.invalid).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('no answer → Tạm vắng: the ring is withdrawn, the bell stops, the banner says why; Sẵn sàng rings again at once', async () => {
    const hub2 = await startHub((await seededSqlite('volunteer-away-e2e')).url, { ringTimeoutMs: 60_000, escalateMs: 1000, noAnswerMs: 1500 });
    let k2: Client | undefined;
    try {
      const secret = await enrolKiosk(hub2, 'kiosk-away-e2e');
      k2 = await kioskClient(hub2, 'kiosk-away-e2e', secret);
      const page = await trackedPage(browser, { width: 390, height: 844 }, 'away', errors, contexts);
      await login(page, 'tnv1', hub2.url);
      const bell = () => page.evaluate(() => window.__volunteerMetrics?.bell ?? null);

      k2.send({ type: 'help.request', lang: 'vi', screen: 'form:1.000894' });
      const requestId = (await k2.type('help.queued')).request.requestId as string;
      await page.getByTestId('ring-panel').waitFor({ timeout: 5000 });
      await expect.poll(bell, { timeout: 2000 }).toBe(true);

      // Nobody answers: withdrawn, Tạm vắng, the banner in Vietnamese, the bell silent.
      await page.getByTestId('away-banner').waitFor({ timeout: 5000 });
      expect(await page.getByTestId('away-banner').innerText()).toBe('Bạn đã được chuyển sang Tạm vắng vì chưa trả lời cuộc gọi. Bấm Sẵn sàng khi bạn quay lại.');
      expect(await page.getByTestId('console').getAttribute('data-status')).toBe('away');
      expect(await page.getByTestId('console').getAttribute('data-ringing')).toBe('false');
      expect(await page.getByTestId('ring-panel').count()).toBe(0);
      expect(await bell()).toBe(false);
      expect(await page.getByTestId('status-away').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('status-away').innerText()).toBe('Tạm vắng');
      for (const id of ['status-available', 'status-busy', 'status-away', 'go-available']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box!.height, id).toBeGreaterThanOrEqual(44); // touch targets
      }
      expect((await hub2.hub.repo.getRequest(requestId))!.state).toBe('waiting');
      mkdirSync(SCREENS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENS_DIR, 'volunteer-02-away-no-answer.png') });

      // Back: Sẵn sàng rings the waiting request at once; the banner goes.
      await page.getByTestId('go-available').click();
      await page.getByTestId('ring-panel').waitFor({ timeout: 3000 });
      expect(await page.getByTestId('away-banner').count()).toBe(0);
      expect(await page.getByTestId('console').getAttribute('data-status')).toBe('available');
      await expect.poll(bell, { timeout: 2000 }).toBe(true);
      k2.send({ type: 'help.cancel', requestId });
      await page.getByTestId('ring-panel').waitFor({ state: 'detached', timeout: 3000 });
      expect(await bell()).toBe(false);
      expect(k2.invalid).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await k2?.close();
      await hub2.hub.close();
    }
  });
});
