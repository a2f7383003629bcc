/**
 * The sample receipt of docs/img (scripts/receipt-sample.ts, `npm run receipt -- --sample`): it
 * carries what a real receipt of a dossier sent by post carries — the tracking PIN under the QR
 * (issue 17), the postage the province stated (issue 16) — and the script prints it through the
 * real path to a PNG.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiptBlocks } from '../../../drivers/printer/receipt.ts';
import { SAMPLE_RECEIPT } from '../../../scripts/receipt-sample.ts';
import { ROOT } from '../../support/paths.ts';
import { tempDir } from './helpers.ts';

const texts = (bs: ReturnType<typeof receiptBlocks>) => bs.map((b) => ('text' in b ? b.text : 'value' in b ? `${b.label}: ${b.value}` : 'items' in b ? b.items.join(' | ') : '')).join('\n');

describe('the sample receipt of docs/img', () => {
  it('has the tracking PIN under the QR, the kiosk code and the result by post with its postage, in the 2025 units', () => {
    const t = texts(receiptBlocks(SAMPLE_RECEIPT));
    expect(t).toContain('Mã PIN tra cứu: 4071 8265');
    expect(t).toContain('000.00.12.H29-261207-1003');
    expect(t).toContain('Cước bưu chính (tỉnh báo): 25.000 đồng');
    expect(t).not.toMatch(/Quận|Hàng Bài/);
  });

  it('`receipt -- --sample` prints it to a PNG through the virtual printer; --sample with --text is refused', () => {
    const { dir, cleanup } = tempDir('receipt-sample');
    try {
      const png = path.join(dir, 'r.png');
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/receipt.ts', '--sample', '--paper', '58', '--out', path.join(dir, 'r.bin'), '--png', png], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('raster 58 mm, the sample receipt');
      expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
      const both = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/receipt.ts', '--sample', '--text', 'x.txt', '--out', path.join(dir, 'x.bin')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(both.status).toBe(2);
      expect(both.stderr).toContain('one or the other');
    } finally {
      cleanup();
    }
  }, 90_000);
});
