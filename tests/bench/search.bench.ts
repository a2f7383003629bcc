/**
 * Search benchmark (issue 3, Performance: ≤ 16 ms per keystroke over 2,000
 * procedures). Builds the index over a generated catalogue, then types ~30
 * queries one keystroke at a time and times each search call.
 * Prints one JSON line. Run: npm run bench:search
 */
import { createSearchIndex } from '../../common/text/search.ts';
import { generateCatalogue, loadCatalogue } from '../unit/text/generated-catalogue.ts';

const PROCEDURES = 2000;
const ROUNDS = 3;

const QUERIES: readonly string[] = [
  'khai sinh',
  'dang ky khai sinh',
  'đăng ký tạm trú',
  'tam tru',
  'dangw kys',
  'ddangw kys thuwowngf truss',
  'tam5 tru1',
  'chung thuc ban sao',
  'chứng thực chữ ký',
  'birth registration',
  'temporary residence',
  'marrige registration',
  'ket hon',
  'xac nhan tinh trang hon nhan',
  'giay doc than',
  'tro cap nguoi cao tuoi',
  'mai tang phi',
  'khuyet tat nang',
  'tach ho khau',
  'thong bao luu tru',
  'khai bao tam vang',
  '1.001193',
  '1.004',
  'trich luc ho tich',
  'cai chinh ho tich',
  'gia han tam tru',
  'xoa dang ky thuong tru',
  'the bao hiem y te cho tre',
  'cong chung giay to',
  'muon lam giay khai sinh cho chau',
];

const catalogue = loadCatalogue();
const services = generateCatalogue(catalogue.services, PROCEDURES);

const t0 = performance.now();
const index = createSearchIndex(services, catalogue.categories);
const buildMs = performance.now() - t0;

function typeAll(record: number[] | null): number {
  let keystrokes = 0;
  let found = 0;
  for (const q of QUERIES) {
    const chars = Array.from(q);
    for (let i = 1; i <= chars.length; i++) {
      const prefix = chars.slice(0, i).join('');
      const start = performance.now();
      const hits = index.search(prefix, 'vi', 10);
      const ms = performance.now() - start;
      found += hits.length;
      keystrokes++;
      if (record) record.push(ms);
    }
  }
  if (found === 0) throw new Error('the benchmark found nothing: the index is broken');
  return keystrokes;
}

typeAll(null); // warm-up (JIT)
const times: number[] = [];
let keystrokes = 0;
for (let r = 0; r < ROUNDS; r++) keystrokes += typeAll(times);
times.sort((a, b) => a - b);
const at = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
const round = (x: number): number => Math.round(x * 1000) / 1000;

console.log(
  JSON.stringify({
    procedures: index.size,
    buildMs: round(buildMs),
    perKeystrokeMs: { median: round(at(0.5)), p95: round(at(0.95)), max: round(times[times.length - 1]!) },
    keystrokes,
  }),
);
