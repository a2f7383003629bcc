/**
 * hub.json (`hub/main.ts --config`): the `fleet` key (offline window, alert
 * rules, SMTP) is accepted, typos are refused with the field path and never
 * the value, and a hub started from the file mails an alert to its SMTP server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHubFileConfig } from '../../../hub/config-file.ts';
import { clusterSettings } from '../../../hub/cluster/config.ts';
import { ROOT, tempDir } from '../../support/paths.ts';
import { startSmtpSink, type SmtpSink } from '../fleet/smtp-sink.ts';
import { beat } from '../fleet/helpers.ts';
import { enrolKiosk, kioskClient, type Running } from './helpers.ts';

const EXAMPLE = {
  ringTimeoutMs: 30000,
  fleet: {
    offlineAfterMs: 30000,
    alertRules: { offlineAlertMs: 300000, crashThreshold: 3 },
    smtp: { host: 'smtp.phuong.example.vn', port: 587, from: 'kiosk-hub@phuong.example.vn', to: ['motcua@phuong.example.vn'], auth: { user: 'kiosk-hub', pass: 'bí-mật-smtp' } },
  },
};

describe('hub.json', () => {
  it('takes the fleet key as docs/fleet.md shows it', () => {
    const c = parseHubFileConfig(JSON.stringify(EXAMPLE));
    expect(c.fleet?.smtp?.host).toBe('smtp.phuong.example.vn');
    expect(c.fleet?.alertRules?.crashThreshold).toBe(3);
    expect(parseHubFileConfig('{}')).toEqual({});
    expect(parseHubFileConfig(JSON.stringify({ fleet: { smtp: null } })).fleet?.smtp).toBeNull();
  });

  it('takes the help timings, noAnswerMs (Tạm vắng) among them; out of range refused by field path', () => {
    expect(parseHubFileConfig(JSON.stringify({ ringTimeoutMs: 60000, escalateMs: 5000, noAnswerMs: 20000 }))).toEqual({ ringTimeoutMs: 60000, escalateMs: 5000, noAnswerMs: 20000 });
    expect(() => parseHubFileConfig(JSON.stringify({ noAnswerMs: 10 }))).toThrow(/noAnswerMs: too_small/);
    expect(() => parseHubFileConfig(JSON.stringify({ noAnswerMS: 20000 }))).toThrow(/unrecognized_keys/);
  });

  it('takes the pairing limits; a typo in them is refused', () => {
    expect(parseHubFileConfig(JSON.stringify({ pairing: { maxOpenPerIp: 50, ttlMs: 900000 } })).pairing).toEqual({ maxOpenPerIp: 50, ttlMs: 900000 });
    expect(() => parseHubFileConfig(JSON.stringify({ pairing: { maxOpen: 50 } }))).toThrow(/pairing: unrecognized_keys/);
    expect(() => parseHubFileConfig(JSON.stringify({ pairing: { pollMs: 10 } }))).toThrow(/pairing\.pollMs: too_small/);
  });

  it('takes the timings between instances (cluster); refuses ones that would take a live instance for dead, with the reason', () => {
    const cluster = { leaseRetryMs: 500, presence: { everyMs: 2000, deadAfterMs: 6000 }, help: { beatMs: 500, deadAfterMs: 2000, opTimeoutMs: 8000, startWaitMs: 3000 } };
    const c = parseHubFileConfig(JSON.stringify({ cluster }));
    expect(c.cluster).toEqual(cluster);
    // What hub/main.ts hands on: the cluster's lease and presence timings, the desk's timings.
    expect(clusterSettings(c.cluster)).toEqual({ cluster: { leaseRetryMs: 500, presence: { everyMs: 2000, deadAfterMs: 6000 } }, helpTimings: cluster.help });
    expect(clusterSettings(undefined)).toEqual({ cluster: {}, helpTimings: {} });
    expect(clusterSettings(parseHubFileConfig(JSON.stringify({ cluster: { help: { beatMs: 200 } } })).cluster)).toEqual({ cluster: {}, helpTimings: { beatMs: 200 } });
    // Checked with the defaults filled in (help: beat 1 s, dead after 5 s, actions 10 s; presence every 5 s).
    expect(() => parseHubFileConfig(JSON.stringify({ cluster: { help: { beatMs: 2000 } } }))).toThrow(/cluster\.help\.deadAfterMs: must be at least three times help\.beatMs/);
    expect(() => parseHubFileConfig(JSON.stringify({ cluster: { help: { deadAfterMs: 9500 } } }))).toThrow(/cluster\.help\.opTimeoutMs: must be longer than/);
    expect(() => parseHubFileConfig(JSON.stringify({ cluster: { presence: { deadAfterMs: 8000 } } }))).toThrow(/cluster\.presence\.deadAfterMs: must be at least twice/);
    expect(() => parseHubFileConfig(JSON.stringify({ cluster: { help: { beatMS: 500 } } }))).toThrow(/cluster\.help: unrecognized_keys/);
    expect(() => parseHubFileConfig(JSON.stringify({ cluster: { leaseRetryMs: 5 } }))).toThrow(/cluster\.leaseRetryMs: too_small/);
  });

  it('refuses typos and bad values by field path, without echoing secrets', () => {
    const typo = { fleet: { ...EXAMPLE.fleet, smtp: { ...EXAMPLE.fleet.smtp, hots: 'x' } } };
    expect(() => parseHubFileConfig(JSON.stringify(typo))).toThrow(/fleet\.smtp: unrecognized_keys/);
    const bad = { fleet: { offlineAfterMs: 10, smtp: { ...EXAMPLE.fleet.smtp, to: ['not an address'] } } };
    let message = '';
    try {
      parseHubFileConfig(JSON.stringify(bad));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('fleet.offlineAfterMs');
    expect(message).toContain('fleet.smtp.to.0');
    expect(message).not.toContain('bí-mật-smtp');
    expect(message).not.toContain('not an address');
    expect(() => parseHubFileConfig('{ "fleet": ')).toThrow(/not valid JSON/);
  });

  describe('a hub started from the file', () => {
    let child: ChildProcess | null = null;
    let sink: SmtpSink | null = null;
    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await sink?.close();
    });

    it('mails an alert through the SMTP server named in hub.json', async () => {
      sink = await startSmtpSink();
      const dir = tempDir('hubjson');
      const file = path.join(dir, 'hub.json');
      writeFileSync(file, JSON.stringify({ fleet: { offlineAfterMs: 30000, smtp: { host: '127.0.0.1', port: sink.port, from: 'hub@phuong.test', to: 'motcua@phuong.test' } } }));
      child = spawn(process.execPath, ['--import', 'tsx', 'hub/main.ts', '--port', '0', '--db', `sqlite:${path.join(dir, 'hub.sqlite')}`, '--config', file, '--seed-demo'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        const timer = setTimeout(() => reject(new Error(`hub did not start: ${err}`)), 20_000);
        child!.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        child!.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^hub: (http:\/\/127\.0\.0\.1:\d+)/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child!.once('exit', (code) => reject(new Error(`hub exited ${code}: ${err}`)));
      });
      const r = { url, wsUrl: url.replace(/^http/, 'ws') } as Running;
      const secret = await enrolKiosk(r, 'hang-bai-07');
      const k = await kioskClient(r, 'hang-bai-07', secret);
      try {
        await beat(k, { printer: { state: 'paper-out', paperNearEnd: true } });
        await sink.waitFor(1, 10_000);
        expect(sink.mails[0]!.to.join()).toContain('motcua@phuong.test');
        expect(sink.mails[0]!.data).toContain('hang-bai-07');
      } finally {
        await k.close();
      }
    }, 40_000);
  });
});
