/**
 * The fleet's pure parts: alert rules, validation with Vietnamese field
 * messages, statistics and CSV, the console's reducer and editor check.
 */
import { describe, expect, it } from 'vitest';
import type { AlertView, KioskStatusView } from '../../../common/contract/hub-console.ts';
import { HubToKiosk, KioskToHub } from '../../../common/contract/hub-kiosk.ts';
import { checkEditor, EMPTY, printerVi, reduce, sortedKiosks } from '../../../consoles/staff/logic.ts';
import { parseHubFileConfig } from '../../../hub/config-file.ts';
import { activeAlerts, alertMail, recipientsFor } from '../../../hub/fleet/alerts.ts';
import { buildReport, dayOf, dayStart, reportCsv } from '../../../hub/fleet/stats.ts';
import { validateCatalogue, validateWardSettings } from '../../../common/validate/publication.ts';
import { BASE_SETTINGS, health, SMALL_CATALOGUE, WARD } from './helpers.ts';

describe('alert rules', () => {
  const now = 10_000_000;
  it('offline only after the window; paper out beats near end; scanner; crashes by count or restarts', () => {
    expect([...activeAlerts({ online: false, lastHeartbeatAt: now - 4 * 60_000, health: health(), restartsLastHour: 0 }, now).keys()]).toEqual([]);
    expect([...activeAlerts({ online: false, lastHeartbeatAt: now - 5 * 60_000, health: health(), restartsLastHour: 0 }, now).keys()]).toEqual(['offline']);
    expect([...activeAlerts({ online: true, lastHeartbeatAt: now, health: health({ printer: { state: 'paper-out', paperNearEnd: true } }), restartsLastHour: 0 }, now).keys()]).toEqual(['paper-out']);
    expect([...activeAlerts({ online: true, lastHeartbeatAt: now, health: health({ printer: { state: 'ok', paperNearEnd: true } }), restartsLastHour: 0 }, now).keys()]).toEqual(['paper-near-end']);
    expect([...activeAlerts({ online: true, lastHeartbeatAt: now, health: health({ scanner: { state: 'missing' } }), restartsLastHour: 3 }, now).keys()]).toEqual(['scanner-missing', 'crashes']);
    expect(activeAlerts({ online: true, lastHeartbeatAt: now, health: health({ crashesLastHour: 2 }), restartsLastHour: 2 }, now).size).toBe(0);
  });
  it('the mail names the kiosk and the problem, in Vietnamese', () => {
    const a: AlertView = { id: '00000000-0000-4000-8000-000000000000', ward: WARD, kioskId: 'hang-bai-01', kind: 'paper-out', state: 'open', openedAt: 0, resolvedAt: null, mailedAt: null, detail: null };
    const m = alertMail(a, 'Kiosk tầng 1');
    expect(m.subject).toBe('[Kiosk hang-bai-01] Hết giấy in');
    expect(m.text).toContain('Kiosk tầng 1');
    const done = alertMail({ ...a, state: 'resolved', resolvedAt: a.openedAt + 20 * 60_000 }, 'Kiosk tầng 1');
    expect(done.subject).toBe('[Kiosk hang-bai-01] Đã khắc phục: Hết giấy in');
    expect(done.text).toContain('Đã khắc phục: Hết giấy in');
    expect(done.text).toMatch(/Bắt đầu: .+\nKhắc phục lúc: .+/);
  });
});

describe('alert mail recipients', () => {
  it('a ward listed in toByWard gets its own addresses; any other ward gets `to`', () => {
    const smtp = { to: 'quan@phuong.test', toByWard: { [WARD]: ['motcua@phuong.test'] } };
    expect(recipientsFor(smtp, WARD)).toEqual(['motcua@phuong.test']);
    expect(recipientsFor(smtp, '000.00.13.H30')).toBe('quan@phuong.test');
    expect(recipientsFor({ to: ['a@phuong.test'] }, WARD)).toEqual(['a@phuong.test']);
  });
  it('hub.json checks toByWard: ward codes as keys, at least one real address each', () => {
    const base = { host: '127.0.0.1', port: 25, from: 'hub@phuong.test', to: 'quan@phuong.test' };
    const ok = parseHubFileConfig(JSON.stringify({ fleet: { smtp: { ...base, toByWard: { [WARD]: ['motcua@phuong.test'] } } } }));
    expect(ok.fleet?.smtp?.toByWard).toEqual({ [WARD]: ['motcua@phuong.test'] });
    expect(() => parseHubFileConfig(JSON.stringify({ fleet: { smtp: { ...base, toByWard: { [WARD]: ['not an address'] } } } }))).toThrow(/fleet\.smtp\.toByWard/);
    expect(() => parseHubFileConfig(JSON.stringify({ fleet: { smtp: { ...base, toByWard: { [WARD]: [] } } } }))).toThrow(/fleet\.smtp\.toByWard/);
    expect(() => parseHubFileConfig(JSON.stringify({ fleet: { smtp: { ...base, toByWard: { 'phường có dấu': ['a@phuong.test'] } } } }))).toThrow(/fleet\.smtp\.toByWard/);
  });
});

describe('validation of what staff publish', () => {
  it('accepts the base settings and catalogue; names each bad field in Vietnamese', () => {
    expect(validateWardSettings(BASE_SETTINGS, WARD).ok).toBe(true);
    expect(validateCatalogue(SMALL_CATALOGUE).ok).toBe(true);
    const r = validateWardSettings({ ...BASE_SETTINGS, languages: { default: 'fr', enabled: [] }, hotline: undefined }, WARD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath['languages.default']).toMatch(/^Giá trị không hợp lệ/);
    expect(byPath['languages.enabled']).toMatch(/^Quá ít phần tử/);
    const missing = validateWardSettings({ ...BASE_SETTINGS, timeouts: { idleSeconds: 90 } }, WARD);
    expect(missing.ok || missing.issues[0]).toEqual({ part: 'config', path: 'timeouts.warningSeconds', message: expect.stringMatching(/^Thiếu trường bắt buộc/) });
  });
  it('catalogue: duplicate codes, unknown categories and broken entries by path', () => {
    const s = SMALL_CATALOGUE.services[0]!;
    const r = validateCatalogue({ ...SMALL_CATALOGUE, services: [s, s, { ...s, code: '1.000001', name: { vi: '' } }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['services.1.code', 'services.2.name.vi', 'services.2.name.en']));
  });
  it('the fleet messages are in the kiosk contract, strict', () => {
    expect(KioskToHub.safeParse({ type: 'heartbeat', seq: 1, health: health() }).success).toBe(true);
    expect(KioskToHub.safeParse({ type: 'heartbeat', seq: 1, health: { ...health(), name: 'Nguyễn' } }).success).toBe(false);
    expect(HubToKiosk.safeParse({ type: 'heartbeat.ack', seq: 1, refSeq: 1, at: 1 }).success).toBe(true);
  });
});

describe('statistics', () => {
  it('per day, per kiosk and per service, with help calls and applications; CSV with a BOM, formula-safe', () => {
    const day = '2025-11-23';
    const r = buildReport({
      ward: WARD,
      from: '2025-11-22',
      to: day,
      kioskDays: [
        { kioskId: 'a', day, counters: { day, sessions: 4, completed: 3, receipts: 2, helpCalls: 1, ratings: [0, 0, 0, 1, 1], services: { '1.001193': 3 } } },
        { kioskId: 'b', day, counters: { day, sessions: 6, completed: 3, receipts: 1, helpCalls: 0, ratings: [1, 0, 0, 0, 0], services: { '1.001193': 1, '2.000001': 5 } } },
      ],
      help: [
        { createdAt: dayStart(day) + 1000, acceptedAt: dayStart(day) + 11_000 },
        { createdAt: dayStart(day) + 5000, acceptedAt: null },
        { createdAt: dayStart('2025-11-22') + 5000, acceptedAt: dayStart('2025-11-22') + 35_000 },
      ],
      applications: [{ receivedAt: dayStart(day) + 1, serviceCode: '1.001193' }],
    });
    expect(r.days.map((d) => [d.day, d.sessions, d.helpCalls, d.helpAnswered, d.helpWaitSec])).toEqual([
      ['2025-11-22', 0, 1, 1, 30],
      [day, 10, 2, 1, 10],
    ]);
    expect(r.totals).toMatchObject({ sessions: 10, completed: 6, completionRate: 0.6, helpCalls: 3, helpAnswered: 2, helpWaitSec: 20, applications: 1 });
    expect(r.totals.satisfaction).toBeCloseTo((4 + 5 + 1) / 3);
    expect(r.services[0]).toEqual({ code: '2.000001', sessions: 5, applications: 0 });
    expect(r.perKiosk.map((k) => k.kioskId)).toEqual(['a', 'b']);
    const csv = reportCsv(r);
    expect(csv.startsWith('\ufeff"ngay"')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(dayOf(dayStart(day))).toBe(day);
  });
});

describe('staff console logic', () => {
  const k = (id: string, online: boolean): KioskStatusView => ({ kioskId: id, ward: WARD, name: id, online, lastHeartbeatAt: null, health: null, publishedVersion: null, openAlerts: [] });
  it('merges live updates; online first', () => {
    let s = reduce(EMPTY, { type: 'kiosks.load', kiosks: [k('b', false), k('a', false)] });
    s = reduce(s, { type: 'fleet.kiosks', kiosks: [{ ...k('b', true), health: health({ printer: { state: 'paper-out', paperNearEnd: true } }) }] });
    expect(sortedKiosks(s).map((x) => [x.kioskId, x.online])).toEqual([
      ['b', true],
      ['a', false],
    ]);
    expect(printerVi(s.kiosks.b!.health)).toBe('Hết giấy');
    expect(reduce(s, { type: 'fleet.config' }).configTick).toBe(1);
  });
  it('a retired kiosk leaves the list and is remembered as retired (an open device page says so)', () => {
    let s = reduce(EMPTY, { type: 'kiosks.load', kiosks: [k('a', true), k('b', true)] });
    s = reduce(s, { type: 'fleet.kioskRetired', kioskId: 'a', by: 'canbo' });
    expect(sortedKiosks(s).map((x) => x.kioskId)).toEqual(['b']);
    expect(s.retired).toEqual({ a: 'canbo' });
  });
  it('a command acknowledged before its POST answered stays acknowledged', () => {
    const pending = { id: '0b6f7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e', kioskId: 'a', ward: WARD, kind: 'maintenance' as const, maintenance: { active: false, message: null, instead: null }, issuedBy: 'canbo', issuedAt: 1, ackedAt: null, result: null, detail: null };
    const acked = { ...pending, ackedAt: 2, result: 'ok' as const };
    let s = reduce(EMPTY, { type: 'fleet.command', command: acked }); // the kiosk's ack, over the console socket
    s = reduce(s, { type: 'fleet.command', command: pending }); // then the POST's answer
    expect(s.commands[pending.id]!.result).toBe('ok');
    s = reduce(s, { type: 'commands.load', commands: [pending] });
    expect(s.commands[pending.id]!.result).toBe('ok');
  });
  it('editor: JSON syntax errors, then schema issues by path', () => {
    expect(checkEditor('{', JSON.stringify(SMALL_CATALOGUE), WARD).syntax[0]!.message).toMatch(/^JSON không hợp lệ/);
    const c = checkEditor(JSON.stringify({ ...BASE_SETTINGS, timeouts: { idleSeconds: 5, warningSeconds: 30 } }), JSON.stringify(SMALL_CATALOGUE), WARD);
    expect(c.ok).toBe(false);
    expect(c.issues.map((i) => i.path)).toEqual(['timeouts.idleSeconds']);
    expect(checkEditor(JSON.stringify(BASE_SETTINGS), JSON.stringify(SMALL_CATALOGUE), WARD).ok).toBe(true);
  });
});
