/**
 * Feed the demo's virtual ID-card scanner, as a real 2D scanner in serial mode would:
 *   npm run --silent scan                 # a fake 2021 CCCD QR (Nguyễn Văn An)
 *   npm run --silent scan -- 'PAYLOAD'    # any text (try a URL: "không phải mã QR của thẻ căn cước")
 * It finds the scanner through the demo's data folder (WARD_KIOSK_DATA, default $TMPDIR/ward-kiosk-demo).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FAKE = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';
const dataDir = process.env.WARD_KIOSK_DATA ?? path.join(os.tmpdir(), 'ward-kiosk-demo');
let hostPath: string;
try {
  hostPath = (JSON.parse(readFileSync(path.join(dataDir, 'devices.json'), 'utf8')) as { scannerHostPath: string }).scannerHostPath;
} catch {
  process.stderr.write(`No running demo found (${path.join(dataDir, 'devices.json')}). Start it with: npm run demo\n`);
  process.exit(2);
}
const payload = process.argv[2] ?? FAKE;
writeFileSync(hostPath, Buffer.from(`${payload}\r`, 'utf8'));
process.stdout.write(`scanned ${Buffer.byteLength(payload)} bytes\n`);
