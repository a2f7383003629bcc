/**
 * A real kiosk (the kiosk services with their fleet agent, no renderer) in
 * its own process, for the exactly-once tests (killed with SIGKILL).
 *
 *   node --import tsx tests/unit/fleet/kiosk-child.ts <config.json> <dataDir> [--submit]
 *
 * Enrols with WARD_KIOSK_HUB_CODE when it has no secret yet. Prints `READY`,
 * with --submit starts a session and submits an application (`SUBMITTED <code>`;
 * with --papers two photographed pages with it),
 * then `PENDING <n>` whenever the number of unacknowledged applications changes.
 * Runs until SIGTERM.
 */
import { createKioskServices } from '../../../services/kiosk-services.ts';
import { createLogger } from '../../../services/log.ts';
import { pagePhoto, sendPhoto } from '../../support/papers.ts';
import { FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';

const [configPath, dataDir] = process.argv.slice(2);
const ctx = { carrier: 'browser' as const };
const s = await createKioskServices({
  configPath,
  cataloguePath: FIXTURE_CATALOGUE,
  dataDir: dataDir!,
  tmpRoot: tempDir('kiosk-child-tmp'),
  carrier: 'browser',
  appVersion: '0.1.0',
  logger: createLogger('kiosk-child', () => undefined),
  hubEnrolmentCode: process.env.WARD_KIOSK_HUB_CODE,
  fleet: { heartbeatMs: 500, outboxRetryMs: 1000 },
});
process.stdout.write('READY\n');
if (process.argv.includes('--submit')) {
  await s.dispatch('session.start', { lang: 'vi' }, ctx);
  if (process.argv.includes('--papers')) {
    for (const text of ['Trang 1 — giấy chứng sinh', 'Trang 2 — giấy chứng sinh']) {
      const p = await sendPhoto(s, '1.001193', pagePhoto(960, 720, text));
      if (!p.ok) throw new Error(`papers.add: ${p.error.code}`);
    }
  }
  const r = await s.dispatch(
    'application.submit',
    { serviceCode: '1.001193', consent: true, answers: { childName: 'Nguyễn Thị Mai', childBirthDate: '05/09/2024', childSex: 'nu', declarantId: '001190012345', phone: '0912345678' } },
    ctx,
  );
  if (!r.ok) throw new Error(`submit: ${r.error.code}`);
  process.stdout.write(`SUBMITTED ${(r.result as { code: string }).code}\n`);
}
let last = -1;
setInterval(() => {
  const n = s.store.pendingOutbox().length;
  if (n !== last) process.stdout.write(`PENDING ${(last = n)}\n`);
}, 50);
process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
