/** `npm run --silent pin-hash -- 123456` prints the scrypt hash to put in the config's staff.pinHash (6 to 12 digits). */
import { MAX_PIN_DIGITS, MIN_PIN_DIGITS } from '../kiosk-config/config.schema.ts';
import { hashPin } from '../services/staff.ts';

const pin = process.argv[2] ?? '';
if (!new RegExp(`^\\d{${MIN_PIN_DIGITS},${MAX_PIN_DIGITS}}$`).test(pin)) {
  process.stderr.write(`usage: npm run --silent pin-hash -- PIN   (${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits)\n`);
  process.exit(2);
}
process.stdout.write(`${hashPin(pin)}\n`);
