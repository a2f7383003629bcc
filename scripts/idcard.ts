/**
 * Read ID-card photos for staff and support:
 *   npm run --silent idcard -- FILE...
 * One JSON line per file: {"file","ok","fields","sources","confidence","ms"} (+ "error" in Vietnamese
 * when nothing could be read; "partial": true when the read was cut short and these are the QR's or MRZ's
 * fields read before that). A field it cannot read is absent. Nothing else is printed or logged.
 */
import { closeReaders, createReaders, readCardImage } from '../drivers/idcard/read-card.ts';

const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  console.error('usage: npm run --silent idcard -- FILE...');
  process.exit(2);
}

const readers = await createReaders({ vieWorkers: 2, engWorkers: 1, warm: true });
for (const file of files) {
  const t0 = performance.now();
  const r = await readCardImage(file, readers);
  const out: Record<string, unknown> = { file, ok: r.ok, fields: r.fields, sources: r.sources, confidence: r.confidence };
  if (r.expired) out.expired = true;
  if (r.partial) out.partial = true;
  if (r.error) out.error = r.error;
  out.ms = Math.round(performance.now() - t0);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
await closeReaders(readers);
