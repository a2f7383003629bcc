/**
 * TURN on loopback: a real coturn (use-auth-secret) and a hub configured with
 * the same secret. The kiosk (Authorization: Kiosk …) and a volunteer
 * (session cookie) each get ephemeral credentials from GET /api/turn; two
 * RTCPeerConnections in Chromium, forced to relay-only, connect through
 * coturn with them. A credential signed with another secret, or expired,
 * gets no relay at all.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnCredentials } from '../../hub/auth/crypto.ts';
import { launchChromium } from '../support/browser.ts';
import { startTestTurn, type TestTurn } from '../support/coturn.ts';
import { seededSqlite } from '../support/hub.ts';
import { enrolKiosk, get, login, startHub, type Running } from '../unit/hub/helpers.ts';

type Ice = { urls: string[]; username: string; credential: string };

describe('TURN through coturn with the hub’s ephemeral credentials', () => {
  let turn: TestTurn;
  let hub: Running;
  let browser: Browser;
  let page: Page;
  let kioskIce: Ice;
  let volunteerIce: Ice;

  beforeAll(async () => {
    turn = await startTestTurn();
    hub = await startHub((await seededSqlite('turn-e2e')).url, { turn: { urls: turn.urls, secret: turn.secret, ttl: 600 } });
    const secret = await enrolKiosk(hub, 'kiosk-turn');
    const k = await get(`${hub.url}/api/turn`, { authorization: `Kiosk kiosk-turn:${secret}` });
    expect(k.status).toBe(200);
    kioskIce = k.json.iceServers[0];
    const v = await get(`${hub.url}/api/turn`, { cookie: await login(hub, 'tnv1') });
    expect(v.status).toBe(200);
    volunteerIce = v.json.iceServers[0];
    browser = await launchChromium();
    const ctx = await browser.newContext();
    await ctx.route(`${hub.url}/turn-check`, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>turn</title>' }));
    page = await ctx.newPage();
    await page.goto(`${hub.url}/turn-check`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.hub.close();
    await turn?.stop();
  });

  it('gives each side its own short-lived credential for the configured TURN', () => {
    expect(kioskIce.urls).toEqual(turn.urls);
    expect(kioskIce.username).toMatch(/^\d+:kiosk-kiosk-turn$/);
    const expiry = Number(kioskIce.username.split(':')[0]) * 1000;
    expect(expiry).toBeGreaterThan(Date.now());
    expect(expiry).toBeLessThanOrEqual(Date.now() + 601_000);
    expect(volunteerIce.username).not.toBe(kioskIce.username);
    expect(volunteerIce.credential).not.toBe(kioskIce.credential);
  });

  it('connects kiosk and volunteer through the relay only', async () => {
    const r = await page.evaluate(
      async ({ a: iceA, b: iceB }) => {
        const a = new RTCPeerConnection({ iceServers: [iceA], iceTransportPolicy: 'relay' });
        const b = new RTCPeerConnection({ iceServers: [iceB], iceTransportPolicy: 'relay' });
        const types: string[] = [];
        a.onicecandidate = (e) => {
          if (e.candidate) {
            types.push(e.candidate.type ?? '?');
            void b.addIceCandidate(e.candidate);
          }
        };
        b.onicecandidate = (e) => {
          if (e.candidate) void a.addIceCandidate(e.candidate);
        };
        const ch = a.createDataChannel('help');
        const got = new Promise<string>((resolve) => {
          b.ondatachannel = (e) => {
            e.channel.onmessage = (m) => resolve(String(m.data));
          };
        });
        const opened = new Promise<void>((resolve, reject) => {
          ch.onopen = () => resolve();
          setTimeout(() => reject(new Error(`no connection: ${a.iceConnectionState}`)), 20_000);
        });
        const offer = await a.createOffer();
        await a.setLocalDescription(offer);
        await b.setRemoteDescription(offer);
        const answer = await b.createAnswer();
        await b.setLocalDescription(answer);
        await a.setRemoteDescription(answer);
        await opened;
        ch.send('Xin chào, cháu là tình nguyện viên');
        const text = await got;
        let local = '';
        const stats = await a.getStats();
        stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
          if (s.type === 'transport' && s.selectedCandidatePairId) {
            const pair = stats.get(s.selectedCandidatePairId) as { localCandidateId: string };
            local = (stats.get(pair.localCandidateId) as { candidateType: string }).candidateType;
          }
        });
        a.close();
        b.close();
        return { text, types, local };
      },
      { a: kioskIce, b: volunteerIce },
    );
    expect(r.text).toBe('Xin chào, cháu là tình nguyện viên');
    expect(r.types.length).toBeGreaterThan(0);
    expect(new Set(r.types)).toEqual(new Set(['relay']));
    expect(r.local).toBe('relay');
  });

  const gatherRelay = (ice: Ice) =>
    page.evaluate(async (server) => {
      const pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: 'relay' });
      pc.createDataChannel('x');
      const found: string[] = [];
      pc.onicecandidate = (e) => {
        if (e.candidate) found.push(e.candidate.type ?? '?');
      };
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise<void>((resolve) => {
        const done = () => pc.iceGatheringState === 'complete' && resolve();
        pc.onicegatheringstatechange = done;
        setTimeout(resolve, 10_000);
        done();
      });
      pc.close();
      return found;
    }, ice);

  it('refuses a credential signed with another secret, or expired', async () => {
    const forged = turnCredentials({ urls: turn.urls, secret: 'not-the-secret-of-this-coturn', ttl: 600 }, 'kiosk-kiosk-turn');
    expect(await gatherRelay({ urls: forged.urls, username: forged.username, credential: forged.credential })).toEqual([]);
    const expired = turnCredentials({ urls: turn.urls, secret: turn.secret, ttl: 600 }, 'kiosk-kiosk-turn', Date.now() - 2 * 3600_000);
    expect(await gatherRelay({ urls: expired.urls, username: expired.username, credential: expired.credential })).toEqual([]);
    // The same call with a fresh credential does gather a relay candidate (the two above failed for their credential).
    expect(await gatherRelay(kioskIce)).toContain('relay');
  });
});
