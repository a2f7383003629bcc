/**
 * The real kiosk services (no renderer) in their own process, driven by bench:applications over
 * stdin (killed with SIGKILL for the kiosk-kill-9 fault):
 *   submit         → a session, two photographed pages, application.submit, end → `SUBMITTED <code> <t0> <t1>`
 *   track <code>   → application.track with the receipt's PIN → `TRACK <code> <dossierNo|-> <nationalCode|->`
 * Prints `READY`, then `PENDING <n>` whenever the number of unacknowledged applications changes.
 */
import { createHash } from 'node:crypto';
import readline from 'node:readline';
import { trackingPin } from '../../common/tracking-pin.ts';
import { storedSecret } from '../../services/fleet/enrol.ts';
import { createKioskServices } from '../../services/kiosk-services.ts';
import { createLogger } from '../../services/log.ts';
import { pagePhoto, sendPhoto } from '../support/papers.ts';
import { FIXTURE_CATALOGUE, tempDir } from '../support/paths.ts';

const [configPath, dataDir] = process.argv.slice(2);
const ctx = { carrier: 'browser' as const };
const s = await createKioskServices({
  configPath,
  cataloguePath: FIXTURE_CATALOGUE,
  dataDir: dataDir!,
  tmpRoot: tempDir('bench-kiosk-tmp'),
  carrier: 'browser',
  appVersion: '0.1.0',
  logger: createLogger('bench-kiosk', () => undefined),
  hubEnrolmentCode: process.env.WARD_KIOSK_HUB_CODE,
  fleet: { heartbeatMs: 1000, outboxRetryMs: 1000 },
});
const page = pagePhoto(960, 720, 'Giấy chứng sinh — bản sao');
process.stdout.write('READY\n');

let queue = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(async () => {
    const [cmd, arg] = line.trim().split(/\s+/);
    if (cmd === 'submit') {
      await s.dispatch('session.start', { lang: 'vi' }, ctx);
      for (let i = 0; i < 2; i++) {
        const p = await sendPhoto(s, '1.001193', page);
        if (!p.ok) throw new Error(`papers.add: ${p.error.code}`);
      }
      const t0 = Date.now();
      const r = await s.dispatch(
        'application.submit',
        { serviceCode: '1.001193', consent: true, answers: { childName: 'Nguyễn Thị Mai', childBirthDate: '05/09/2024', childSex: 'nu', declarantId: '001190012345', phone: '0912345678' } },
        ctx,
      );
      const t1 = Date.now();
      if (!r.ok) throw new Error(`submit: ${r.error.code}`);
      await s.dispatch('session.end', { reason: 'finished' }, ctx);
      const res = r.result as { code: string; handOff?: string };
      process.stdout.write(`SUBMITTED ${res.code} ${t0} ${t1} ${res.handOff ?? '-'}\n`);
    } else if (cmd === 'track' && arg) {
      // The PIN printed on the receipt (issue 17), as this kiosk derives it (it survives a kill -9, unlike a remembered one).
      const secret = s.config.hub.url ? storedSecret(s.store, s.config.hub.url) : null;
      const pin = secret ? await trackingPin(createHash('sha256').update(secret).digest('hex'), arg) : undefined;
      const r = await s.dispatch('application.track', pin ? { code: arg, pin } : { code: arg }, ctx);
      const o = r.ok ? (r.result as { official?: { dossierNo: string | null; code: number | null } }).official : undefined;
      process.stdout.write(`TRACK ${arg} ${o?.dossierNo ?? '-'} ${o?.code ?? '-'}\n`);
    }
  }).catch((e) => void process.stdout.write(`ERROR ${(e as Error).message}\n`));
});
let last = -1;
setInterval(() => {
  const n = s.store.pendingOutbox().length;
  if (n !== last) process.stdout.write(`PENDING ${n}\n`);
  last = n;
}, 100).unref();
process.on('SIGTERM', () => process.exit(0));
