/**
 * Test print: `npm run --silent receipt -- --text FILE|--sample --out OUT.bin [--png OUT.png] [--paper 58|80]`
 *
 * Prints the UTF-8 lines of FILE — or, with `--sample`, the sample receipt of docs/img
 * (./receipt-sample.ts) — through the same path as real receipts (default profile: raster),
 * writes the exact ESC/POS bytes to OUT.bin, sends them over TCP to an in-process virtual printer
 * and saves what it printed to OUT.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ReceiptPrinter } from '../drivers/printer/device.ts';
import { buildReceiptJob, buildTextFileJob } from '../drivers/printer/job.ts';
import { SAMPLE_RECEIPT } from './receipt-sample.ts';
import { NetworkTransport } from '../drivers/printer/transports/network.ts';
import { VirtualPrinter } from '../drivers/printer/virtual/printer.ts';

const USAGE = 'usage: npm run --silent receipt -- --text FILE|--sample --out OUT.bin [--png OUT.png] [--paper 58|80]';

function fail(message: string, code = 2): never {
  process.stderr.write(`receipt: ${message}\n`);
  if (code === 2) process.stderr.write(`${USAGE}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): { text: string | null; out: string; png: string | null; paper: 58 | 80 } {
  const known = new Set(['--text', '--out', '--png', '--paper']);
  const got = new Map<string, string>();
  let sample = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (a === '--sample') {
      sample = true;
      continue;
    }
    if (!known.has(a)) fail(`unknown argument ${JSON.stringify(a)}`);
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) fail(`${a} needs a value`);
    if (got.has(a)) fail(`${a} given twice`);
    got.set(a, v);
    i++;
  }
  const text = got.get('--text');
  const out = got.get('--out');
  if (sample && text) fail('--text and --sample: one or the other');
  if (!text && !sample) fail('--text FILE or --sample is required');
  if (!out) fail('--out OUT.bin is required');
  const paper = got.get('--paper') ?? '80';
  if (paper !== '58' && paper !== '80') fail('--paper must be 58 or 80');
  return { text: text ?? null, out, png: got.get('--png') ?? null, paper: Number(paper) as 58 | 80 };
}

function readLines(file: string): string[] {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? `no such file: ${file}` : code === 'EISDIR' ? `${file} is a folder, not a text file` : `cannot read ${file}: ${(e as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    fail(`${file} is not valid UTF-8 text`);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (!lines.some((l) => l.trim() !== '')) fail(`${file} is empty: nothing to print`);
  return lines;
}

const args = parseArgs(process.argv.slice(2));
const lines = args.text === null ? null : readLines(args.text);
const job = lines ? buildTextFileJob(lines, { paperWidthMm: args.paper }) : buildReceiptJob(SAMPLE_RECEIPT, { paperWidthMm: args.paper });
try {
  writeFileSync(args.out, job.bytes);
} catch (e) {
  fail(`cannot write ${args.out}: ${(e as Error).message}`, 1);
}

const vp = await new VirtualPrinter({ dots: job.paper === 58 ? 384 : 576 }).start();
const printer = new ReceiptPrinter(new NetworkTransport({ host: '127.0.0.1', port: vp.port }), { statusTimeoutMs: 3000 });
try {
  const page = vp.nextPage(15_000);
  const outcome = await printer.print(job.bytes);
  if (!outcome.ok) fail(`virtual printer did not print: ${outcome.reason} (${outcome.detail})`, 1);
  const printed = await page;
  if (args.png) writeFileSync(args.png, vp.png(printed));
  process.stdout.write(
    `${job.mode} ${job.paper} mm, ${lines ? `${lines.length} lines` : 'the sample receipt'}, ${job.bytes.length} bytes → ${args.out}${args.png ? `, rendering → ${args.png}` : ''}\n`,
  );
} finally {
  await printer.close();
  await vp.stop();
}
