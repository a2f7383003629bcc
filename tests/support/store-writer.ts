/** Child process for the durability test: writes applications and prints each code once its transaction returned. */
import { KioskStore } from '../../services/store.ts';

const store = new KioskStore(process.argv[2]!);
const big = 'x'.repeat(4000);
for (let i = 0; ; i++) {
  const item = store.enqueueApplication({
    id: `id-${i}`,
    day: '261123',
    serviceCode: '1.001193',
    now: new Date().toISOString(),
    payload: { i, big },
    makeCode: (seq) => `000.00.12.H29-261123-${String(seq).padStart(4, '0')}`,
  });
  process.stdout.write(`${item.code}\n`);
}
