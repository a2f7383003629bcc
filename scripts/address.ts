/**
 * npm run --silent address -- "ADDRESS" ...
 * One JSON line per address, in order: {"input","province","ward","candidates","certain"}
 * in the 2025 units (common/admin/address.ts). Exit 2 without an address.
 */
import { resolveAddress } from '../common/admin/address.ts';

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  process.stderr.write('usage: npm run --silent address -- "Số 12, P. Hàng Bài, Q. Hoàn Kiếm, TP. Hà Nội" ...\n');
  process.exit(2);
}
for (const input of inputs) process.stdout.write(JSON.stringify(resolveAddress(input)) + '\n');
