/**
 * npm run --silent vietqr -- --bank BIN --account ACC [--amount N] [--purpose TEXT]
 * Prints the VietQR payload on one line (common/payments/vietqr.ts) — for staff
 * checking a ward's payee details, and for tests. Bad input: the reason on
 * stderr, exit 2.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { vietQrPayload } from '../common/payments/vietqr.ts';

function fail(msg: string): never {
  process.stderr.write(`vietqr: ${msg}\nusage: npm run --silent vietqr -- --bank 970415 --account 0011001932418 [--amount 20000] [--purpose "000.00.12.H29-251123-1001"]\n`);
  process.exit(2);
}

let values: { bank?: string; account?: string; amount?: string; purpose?: string };
try {
  ({ values } = parseArgs({ options: { bank: { type: 'string' }, account: { type: 'string' }, amount: { type: 'string' }, purpose: { type: 'string' } }, strict: true }));
} catch (e) {
  fail((e as Error).message);
}
if (values.bank === undefined || values.account === undefined) fail('--bank and --account are required');
if (values.amount !== undefined && !/^\d+$/.test(values.amount)) fail('--amount is a whole number of đồng (digits only)');
try {
  process.stdout.write(
    vietQrPayload({
      bankBin: values.bank,
      account: values.account,
      ...(values.amount !== undefined ? { amount: Number(values.amount) } : {}),
      ...(values.purpose !== undefined ? { purpose: values.purpose } : {}),
    }) + '\n',
  );
} catch (e) {
  if (e instanceof z.ZodError) fail(e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  throw e;
}
