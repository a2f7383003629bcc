/**
 * Standalone virtual printer: `node --import tsx drivers/printer/virtual/main.ts [--port N] [--58] [--out DIR]`.
 * Prints `printer: tcp://127.0.0.1:PORT serial:/dev/pts/N`, then writes each cut page as a PNG
 * into DIR (default: a folder under the OS temp dir) until Ctrl+C.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualPrinter } from './printer.ts';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const outArg = args.indexOf('--out');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('virtual printer: --port must be 0..65535\n');
  process.exit(2);
}
const outDir = outArg >= 0 && args[outArg + 1] ? path.resolve(args[outArg + 1]!) : mkdtempSync(path.join(os.tmpdir(), 'virtual-printer-'));
mkdirSync(outDir, { recursive: true });

let serial = true;
let vp = new VirtualPrinter({ port, serial, dots: args.includes('--58') ? 384 : 576 });
try {
  await vp.start();
} catch (e) {
  // no socat: TCP only
  process.stderr.write(`virtual printer: serial pty unavailable (${(e as Error).message}); TCP only\n`);
  await vp.stop();
  serial = false;
  vp = new VirtualPrinter({ port, serial, dots: args.includes('--58') ? 384 : 576 });
  await vp.start();
}
vp.on('page', (_page, i) => {
  const file = path.join(outDir, `page-${String(i + 1).padStart(3, '0')}.png`);
  writeFileSync(file, vp.png());
  process.stdout.write(`page ${i + 1}: ${file}\n`);
});
process.stdout.write(`printer: ${vp.url}${vp.serialPath ? ` serial:${vp.serialPath}` : ''}\n`);
process.stdout.write(`pages: ${outDir}\n`);

const shutdown = () => {
  void vp.stop().finally(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
