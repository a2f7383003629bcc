/**
 * The contract suite: the same tests run over every carrier (Electron IPC via
 * the real preload + main-side wiring, and the loopback WebSocket host), so the
 * renderer cannot tell them apart.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKioskClient, type KioskClient, type Transport } from '../../common/contract/client.ts';
import { APPLICATION_CODE_RE, IDCARD_FRAME_MAX_BASE64, KioskError, type KioskEvent } from '../../common/contract/kiosk-api.ts';
import type { KioskServices } from '../../services/kiosk-services.ts';
import type { KioskServicesApi } from '../../services/types.ts';
import { DEFAULT_CONFIG, DEMO_PIN, FIXTURE_CATALOGUE, tempDir } from '../support/paths.ts';
import { fromIsoDate } from '../../common/forms/dates.ts';

export interface HarnessOptions {
  configPath: string;
  cataloguePath: string;
  dataDir: string;
  tmpRoot: string;
}

export interface CarrierHarness {
  transport: Transport;
  services: KioskServicesApi;
  close(): Promise<void>;
}

const VALID = {
  childName: 'Nguyễn Thị Mai',
  childBirthDate: '05/09/2024',
  childSex: 'nu',
  declarantId: '001190012345',
  phone: '0912345678',
};

export function runContractSuite(carrier: 'electron' | 'browser', start: (opts: HarnessOptions) => Promise<CarrierHarness>): void {
  describe(`kiosk API contract over the ${carrier} carrier`, () => {
    let h: CarrierHarness;
    let client: KioskClient;
    let tmpRoot: string;
    const events: { event: string; payload: unknown }[] = [];

    beforeEach(async () => {
      tmpRoot = tempDir('contract-tmp');
      h = await start({ configPath: DEFAULT_CONFIG, cataloguePath: FIXTURE_CATALOGUE, dataDir: tempDir('contract-data'), tmpRoot });
      events.length = 0;
      h.transport.on((event, payload) => events.push({ event, payload }));
      client = createKioskClient(h.transport);
    });
    afterEach(async () => {
      client.close();
      await h.close();
    });

    const waitForEvent = async (name: KioskEvent, ms = 3000) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const e = events.find((x) => x.event === name);
        if (e) return e.payload;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no ${name} event within ${ms} ms`);
    };

    const errorOf = async (p: Promise<unknown>): Promise<KioskError> => {
      try {
        await p;
      } catch (e) {
        if (e instanceof KioskError) return e;
        throw e;
      }
      throw new Error('expected a KioskError');
    };

    it('answers kiosk.info with the ward, languages and this carrier', async () => {
      const info = await client.call('kiosk.info', {});
      expect(info.carrier).toBe(carrier);
      expect(info.ward.name.vi).toContain('Phường');
      expect(info.languages.enabled).toEqual(['vi', 'en']);
    });

    it('lists the catalogue and reports the broken entry instead of failing', async () => {
      const cat = await client.call('catalogue.list', {});
      expect(cat.services.map((s) => s.code)).toEqual(['1.001193', '2.000884']);
      expect(cat.problems).toHaveLength(1);
      expect(cat.problems[0]!.code).toBe('9.999999');
    });

    it('rejects an unknown method with E_UNKNOWN_METHOD', async () => {
      const env = (await h.transport.call('fs.readFile', { path: '/etc/passwd' })) as { ok: boolean; error: { code: string } };
      expect(env.ok).toBe(false);
      expect(env.error.code).toBe('E_UNKNOWN_METHOD');
    });

    it('rejects extra arguments, naming them, in Vietnamese', async () => {
      const env = (await h.transport.call('session.start', { lang: 'vi', admin: true })) as { ok: false; error: { code: string; message: string; issues: { message: string }[] } };
      expect(env.error.code).toBe('E_INVALID_PARAMS');
      expect(env.error.message).toBe('Dữ liệu gửi lên không hợp lệ.');
      expect(env.error.issues[0]!.message).toContain('admin');
    });

    it('rejects wrong argument types and missing arguments', async () => {
      for (const params of [{ lang: 'fr' }, { lang: 42 }, {}, null, 'vi', [1, 2]]) {
        const env = (await h.transport.call('session.start', params)) as { ok: boolean; error?: { code: string } };
        expect(env.ok, JSON.stringify(params)).toBe(false);
        expect(env.error!.code).toBe('E_INVALID_PARAMS');
      }
      // and the kiosk still works afterwards
      expect((await client.call('session.start', { lang: 'vi' })).active).toBe(true);
    });

    it('runs a session: start, save answers, read the draft, end with a wipe event', async () => {
      const s = await client.call('session.start', { lang: 'vi' });
      expect(s.active).toBe(true);
      expect(s.warningSeconds).toBeGreaterThanOrEqual(20);
      await client.call('form.saveAnswer', { serviceCode: '1.001193', questionId: 'childName', value: 'Trần Văn Bình' });
      expect((await client.call('form.draft', { serviceCode: '1.001193' })).answers).toEqual({ childName: 'Trần Văn Bình' });
      expect(existsSync(tmpRoot) && readdirSync(tmpRoot).length).toBe(1);
      expect((await client.call('session.end', { reason: 'cancelled' })).ended).toBe(true);
      expect(await waitForEvent('session.ended')).toEqual({ reason: 'cancelled' });
      expect(readdirSync(tmpRoot)).toEqual([]);
      const err = await errorOf(client.call('form.draft', { serviceCode: '1.001193' }));
      expect(err.code).toBe('E_NO_SESSION');
      expect(err.message).toContain('Phiên làm việc đã kết thúc');
    });

    it('refuses a question that is not in the form', async () => {
      await client.call('session.start', { lang: 'vi' });
      const err = await errorOf(client.call('form.saveAnswer', { serviceCode: '1.001193', questionId: 'evil', value: 'x' }));
      expect(err.code).toBe('E_NOT_FOUND');
    });

    it('refuses invalid answers field by field, then accepts valid ones and gives a code to track', async () => {
      await client.call('session.start', { lang: 'vi' });
      const bad = await errorOf(
        client.call('application.submit', { serviceCode: '1.001193', consent: true, answers: { ...VALID, childBirthDate: '31/02/2024', declarantId: '12345' } }),
      );
      expect(bad.code).toBe('E_INVALID_ANSWERS');
      expect(bad.issues!.map((i) => i.path).sort()).toEqual(['childBirthDate', 'declarantId']);
      expect(bad.issues!.find((i) => i.path === 'declarantId')!.message).toContain('12 chữ số');

      // a postal address whose codes no picker could give (Phường Cửa Nam is in Hà Nội, not in province 79): refused, never sent (issue 16)
      const post = (wardCode: string, provinceCode: string) => ({ method: 'post' as const, address: { line: 'Số 5', provinceCode, wardCode, text: 'Số 5, Phường Cửa Nam' } });
      const badWard = await errorOf(client.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID, delivery: post('00082', '79') }));
      expect(badWard.code).toBe('E_INVALID_ANSWERS');
      expect(badWard.issues).toEqual([expect.objectContaining({ path: 'delivery', message: expect.stringContaining('không có trong danh sách đơn vị hành chính từ ngày 1/7/2025') })]);
      expect((await errorOf(client.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID, delivery: post('00088', '01') }))).code).toBe('E_INVALID_ANSWERS'); // Hàng Bài: gone in 2025

      const noConsent = (await h.transport.call('application.submit', { serviceCode: '1.001193', consent: false, answers: VALID })) as { ok: boolean; error: { code: string } };
      expect(noConsent.error.code).toBe('E_INVALID_PARAMS');

      const ok = await client.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID });
      expect(ok.code).toMatch(APPLICATION_CODE_RE);
      expect(ok.code.startsWith('000.00.12.H29-')).toBe(true);
      expect(ok.code.endsWith('-1001')).toBe(true);
      const second = await client.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID });
      expect(second.code.endsWith('-1002')).toBe(true);

      expect(ok.receipt.state).toMatch(/queued|printing/);
      expect(Buffer.from(ok.trackingQr.split(',')[1]!, 'base64').toString()).toContain('<svg');
      const printed = await waitForEvent('receipt.status', 5000).then(async () => {
        const until = Date.now() + 5000;
        while (Date.now() < until) {
          const e = events.find((x) => x.event === 'receipt.status' && (x.payload as { code: string; state: string }).code === ok.code && (x.payload as { state: string }).state === 'printed');
          if (e) return e.payload;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error('receipt not printed');
      });
      expect(printed).toMatchObject({ code: ok.code, state: 'printed' });

      const t = await client.call('application.track', { code: ok.code.toLowerCase() });
      expect(t.found).toBe(true);
      expect(t.serviceName?.vi).toBe('Đăng ký khai sinh');
      expect(t.timeline.map((e) => e.status)).toEqual(['submitted']);
      expect((await client.call('application.track', { code: '000.00.12.H29-260101-9999' })).found).toBe(false);
    });

    it('keeps the receipt when the printer runs out of paper, tells the screen, and prints once paper is back', async () => {
      const vp = (h.services as KioskServices).receipts.virtualPrinter!;
      vp.set({ paperOut: true });
      await new Promise((r) => setTimeout(r, 2500)); // the health poll notices
      await client.call('session.start', { lang: 'vi' });
      const ok = await client.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID });
      const failed = async () => events.find((e) => e.event === 'receipt.status' && (e.payload as { state: string }).state === 'failed')?.payload as { reason: string; message: { vi: string } } | undefined;
      await expect.poll(failed, { timeout: 8000 }).toBeTruthy();
      const f = (await failed())!;
      expect(f.reason).toBe('paper-out');
      expect(f.message.vi).toContain('giấy');
      const page = vp.nextPage(15_000);
      vp.set({ paperOut: false });
      await page;
      await expect
        .poll(() => events.some((e) => e.event === 'receipt.status' && (e.payload as { code: string; state: string }).code === ok.code && (e.payload as { state: string }).state === 'printed'), { timeout: 8000 })
        .toBe(true);
    }, 30_000);

    it('refuses to submit without a session', async () => {
      const err = await errorOf(client.call('application.submit', { serviceCode: '1.001193', consent: true, answers: VALID }));
      expect(err.code).toBe('E_NO_SESSION');
    });

    it('extending without a warning keeps the session and sends no event', async () => {
      await client.call('session.start', { lang: 'en' });
      const s = await client.call('session.extend', {});
      expect(s.active).toBe(true);
      expect(s.lang).toBe('en');
      expect(events.filter((e) => e.event === 'session.extended')).toHaveLength(0);
    });

    it('records a help request and feedback', async () => {
      await client.call('session.start', { lang: 'vi' });
      const help = await client.call('help.request', { screen: 'question' });
      expect(help.status).toBe('recorded');
      expect((await client.call('feedback.submit', { rating: 5, serviceCode: '1.001193' })).saved).toBe(true);
      const bad = (await h.transport.call('feedback.submit', { rating: 6, serviceCode: null })) as { ok: boolean; error: { code: string } };
      expect(bad.error.code).toBe('E_INVALID_PARAMS');
    });

    it('speaks a heading with the offline Vietnamese voice, and refuses an over-long text', async () => {
      const v = await client.call('voice.speak', { text: 'Xin mời chạm vào màn hình để bắt đầu', lang: 'vi' });
      const wav = Buffer.from(v.base64, 'base64');
      expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(wav.length).toBeGreaterThan(20_000);
      const long = (await h.transport.call('voice.speak', { text: 'a'.repeat(401), lang: 'vi' })) as { ok: boolean; error: { code: string } };
      expect(long.error.code).toBe('E_INVALID_PARAMS');
    });

    it('reads the ID card from the (virtual) serial scanner only after consent, into the session only', async () => {
      const { KioskServices } = await import('../../services/kiosk-services.ts');
      const { writeFileSync } = await import('node:fs');
      expect(h.services).toBeInstanceOf(KioskServices);
      const hostPath = (h.services as InstanceType<typeof KioskServices>).idcard.virtualHostPath!;
      const scan = (payload: string) => writeFileSync(hostPath, Buffer.from(`${payload}\r`, 'utf8'));
      const QR = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';
      await client.call('session.start', { lang: 'vi' });
      scan(QR); // no consent yet: ignored
      await new Promise((r) => setTimeout(r, 300));
      expect(events.filter((e) => e.event === 'idcard.read')).toHaveLength(0);
      expect((await client.call('idcard.consent', { allow: true })).listening).toBe(true);
      scan(QR);
      const reading = (await waitForEvent('idcard.read')) as { fields: Record<string, string>; sources: Record<string, string> };
      // Dates as the whole contract writes them: dd/mm/yyyy, like the form's answers.
      expect(reading.fields).toMatchObject({ idNumber: '079090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '01/01/1990', issueDate: '15/04/2021', sex: 'Nam' });
      expect(reading.sources.fullName).toBe('qr');
      expect((await client.call('idcard.reading', {})).reading?.fields.fullName).toBe('Nguyễn Văn An');
      // Applied to the form in one call (the services hold the reading and the catalogue), with the resident's correction.
      const applied = await client.call('idcard.apply', { serviceCode: '1.001193', corrections: { idNumber: '079090012346' } });
      expect(applied.answers).toEqual({ declarantId: '079090012346' });
      expect((await client.call('form.draft', { serviceCode: '1.001193' })).answers).toMatchObject({ declarantId: '079090012346' });
      expect((await client.call('idcard.reading', {})).reading).toBeNull(); // forgotten once applied
      expect((await errorOf(client.call('idcard.apply', { serviceCode: '1.001193', corrections: {} }))).code).toBe('E_NOT_FOUND');
      scan('https://example.com/not-an-id');
      const err = (await waitForEvent('idcard.error')) as { message: string };
      expect(err.message).toContain('không phải mã QR của thẻ căn cước');
      await client.call('session.end', { reason: 'finished' });
      await client.call('session.start', { lang: 'vi' });
      expect((await client.call('idcard.reading', {})).reading).toBeNull();
    });

    it('reads the ID card from camera frames only in a session, after consent, with the camera step open', async () => {
      const { readFileSync, writeFileSync } = await import('node:fs');
      const path = await import('node:path');
      const sharp = (await import('sharp')).default;
      const { renderSample } = await import('../idcard-data/generate.ts');
      const { makePerson, makeRng } = await import('../idcard-data/people.ts');
      // Without a camera (the default config): the consent says so and the step cannot open.
      await client.call('session.start', { lang: 'vi' });
      expect((await client.call('idcard.consent', { allow: true })).camera).toBe(false);
      expect((await errorOf(client.call('idcard.camera', { open: true }))).code).toBe('E_UNAVAILABLE');
      await client.call('session.end', { reason: 'finished' });

      // A kiosk with a camera, over the same carrier.
      const config = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as { devices: { camera: boolean } };
      config.devices.camera = true;
      const configPath = path.join(tempDir('contract-camera'), 'kiosk.json');
      writeFileSync(configPath, JSON.stringify(config));
      const h2 = await start({ configPath, cataloguePath: FIXTURE_CATALOGUE, dataDir: tempDir('contract-camera-data'), tmpRoot: tempDir('contract-camera-tmp') });
      const seen: { event: string; payload: unknown }[] = [];
      h2.transport.on((event, payload) => seen.push({ event, payload }));
      const c2 = createKioskClient(h2.transport);
      const until = async (pred: () => boolean, ms: number, tick?: () => Promise<unknown>) => {
        const end = Date.now() + ms;
        while (!pred()) {
          if (Date.now() > end) throw new Error('timed out');
          await tick?.();
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      try {
        const p = makePerson(makeRng(31), 2021);
        // As the renderer sends it: at most 960 px wide, the best JPEG quality that fits the bound.
        const photo = (await renderSample(p, 'front2021', 'clean', 32)).data;
        let card = Buffer.alloc(0);
        for (const quality of [85, 75, 65, 55, 45]) {
          card = await sharp(photo).resize({ width: 960 }).jpeg({ quality }).toBuffer();
          if (card.toString('base64').length <= IDCARD_FRAME_MAX_BASE64) break;
        }
        const noCard = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#5a4a3a' } }).jpeg({ quality: 80 }).toBuffer();
        const jpeg = card.toString('base64');
        expect(jpeg.length).toBeLessThanOrEqual(IDCARD_FRAME_MAX_BASE64);

        expect((await errorOf(c2.call('idcard.camera', { open: true }))).code).toBe('E_NO_SESSION');
        await c2.call('session.start', { lang: 'vi' });
        expect((await errorOf(c2.call('idcard.camera', { open: true }))).code).toBe('E_FORBIDDEN'); // no consent yet
        expect((await c2.call('idcard.consent', { allow: true })).camera).toBe(true);
        expect((await errorOf(c2.call('idcard.frame', { jpeg, mode: 'scan' }))).code).toBe('E_FORBIDDEN'); // step not open
        expect(await c2.call('idcard.camera', { open: true })).toEqual({ open: true });
        await until(() => seen.some((e) => e.event === 'idcard.camera' && (e.payload as { open: boolean }).open), 3000);

        // Bounded by the contract: an oversized frame or a non-JPEG is refused before any decoder sees it.
        const big = (await h2.transport.call('idcard.frame', { jpeg: 'A'.repeat(IDCARD_FRAME_MAX_BASE64 + 4), mode: 'scan' })) as { ok: boolean; error: { code: string } };
        expect(big.error.code).toBe('E_INVALID_PARAMS');
        expect((await errorOf(c2.call('idcard.frame', { jpeg: Buffer.alloc(200, 1).toString('base64'), mode: 'scan' }))).code).toBe('E_INVALID_PARAMS');

        // A photo with no card: "không tìm thấy thẻ" after a few frames, never a crash.
        await until(
          () => seen.some((e) => e.event === 'idcard.error'),
          20_000,
          () => c2.call('idcard.frame', { jpeg: noCard.toString('base64'), mode: 'scan' }),
        );
        const err = seen.find((e) => e.event === 'idcard.error')!.payload as { code: string; message: string };
        expect(err).toMatchObject({ code: 'no_card', message: 'Không đọc được thẻ: không tìm thấy thẻ.' });

        // The card's QR in a frame: read off the request path, fused, into the session.
        expect((await c2.call('idcard.frame', { jpeg, mode: 'scan' })).queued).toBe(true);
        await until(() => seen.some((e) => e.event === 'idcard.read'), 20_000);
        const reading = seen.find((e) => e.event === 'idcard.read')!.payload as { fields: Record<string, string>; sources: Record<string, string> };
        expect(reading.fields).toMatchObject({ idNumber: p.fields.idNumber, fullName: p.fields.fullName, dateOfBirth: fromIsoDate(p.fields.dateOfBirth!) });
        expect(reading.sources.fullName).toBe('qr');
        expect((await c2.call('idcard.reading', {})).reading?.fields.idNumber).toBe(p.fields.idNumber);

        expect(await c2.call('idcard.camera', { open: false })).toEqual({ open: false });
        await until(() => seen.some((e) => e.event === 'idcard.camera' && !(e.payload as { open: boolean }).open), 3000);
        expect((await errorOf(c2.call('idcard.frame', { jpeg, mode: 'scan' }))).code).toBe('E_FORBIDDEN');
        await c2.call('session.end', { reason: 'finished' });
        await c2.call('session.start', { lang: 'vi' });
        expect((await c2.call('idcard.reading', {})).reading).toBeNull();
      } finally {
        c2.close();
        await h2.close();
      }
    }, 60_000);

    it('lets staff exit only with the right PIN', async () => {
      expect((await errorOf(client.call('staff.exit', {}))).code).toBe('E_FORBIDDEN');
      expect((await client.call('staff.unlock', { pin: '000000' })).unlocked).toBe(false);
      expect((await client.call('staff.unlock', { pin: DEMO_PIN })).unlocked).toBe(true);
      expect((await client.call('staff.exit', {})).exiting).toBe(true);
      await waitForEvent('staff.exit');
    });
  });
}
