/** `npm run --silent pin-hash -- 123456` prints the scrypt hash to put in the config's staff.pinHash. */
import { hashPin } from '../services/staff.ts';

const pin = process.argv[2] ?? '';
if (!/^\d{4,12}$/.test(pin)) {
  process.stderr.write('usage: npm run --silent pin-hash -- PIN   (4 to 12 digits)\n');
  process.exit(2);
}
process.stdout.write(`${hashPin(pin)}\n`);
