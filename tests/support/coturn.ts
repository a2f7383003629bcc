/**
 * A throwaway coturn (Debian `coturn`) on 127.0.0.1 for the TURN tests:
 * `use-auth-secret` with a random static secret — the same REST-API scheme
 * the hub's /api/turn signs — loopback peers allowed, no TLS, no CLI, a
 * small relay port range. Not installed: a clear failure, never a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import path from 'node:path';
import { tempDir } from './paths.ts';

export interface TestTurn {
  port: number;
  secret: string;
  urls: string[];
  log: () => string;
  stop(): Promise<void>;
}

const BIN = '/usr/bin/turnserver';

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** One STUN Binding request (RFC 5389) to 127.0.0.1:port; true on a Binding success response within 300 ms. */
function stunAnswers(port: number): Promise<boolean> {
  const req = Buffer.alloc(20);
  req.writeUInt16BE(0x0001, 0);
  req.writeUInt16BE(0, 2);
  req.writeUInt32BE(0x2112a442, 4);
  randomBytes(12).copy(req, 8);
  const s = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    s.on('message', (m) => done(m.length >= 20 && m.readUInt16BE(0) === 0x0101 && m.subarray(8, 20).equals(req.subarray(8, 20))));
    s.on('error', () => done(false));
    s.send(req, port, '127.0.0.1');
  });
}

export async function startTestTurn(): Promise<TestTurn> {
  if (spawnSync(BIN, ['-h'], { stdio: 'ignore' }).error) throw new Error('coturn is not installed: apt-get install coturn (.ci/run does it)');
  const port = await freeUdpPort();
  const secret = randomBytes(24).toString('base64url');
  const dir = tempDir('coturn');
  const minPort = 49_152 + Math.floor(Math.random() * 10_000);
  const args = [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${minPort + 200}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=ward-kiosk.test',
    '--fingerprint',
    '--allow-loopback-peers',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--no-tcp-relay',
    `--pidfile=${path.join(dir, 'turn.pid')}`,
    `--userdb=${path.join(dir, 'turndb')}`,
    '--log-file=stdout',
    '--simple-log',
  ];
  const child: ChildProcess = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  // Ready when it answers a STUN Binding request on its UDP port.
  const until = Date.now() + 15_000;
  while (!(await stunAnswers(port))) {
    if (exited !== null) throw new Error(`coturn exited (${exited}):\n${out.slice(-2000)}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`coturn did not answer STUN on 127.0.0.1:${port}:\n${out.slice(-2000)}`);
    }
  }
  return {
    port,
    secret,
    urls: [`turn:127.0.0.1:${port}?transport=udp`],
    log: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}
