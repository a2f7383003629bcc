/**
 * Run the document mode on photos, for staff and support:
 *   npm run --silent document -- [--out DIR] FILE...
 * One JSON line per file: {"file","ok","edgesFound","corners","width","height","bytes","ms"}, or
 * {"file","ok":false,"error":CODE,"message":"…"} with the reason in Vietnamese. With --out the page is
 * written as DIR/<name>.page.jpg. Nothing else is printed or logged.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MAX_INPUT_BYTES, processDocumentPage, type DocumentErrorCode } from '../drivers/document/index.ts';

const MESSAGES: Record<DocumentErrorCode | 'unreadable', string> = {
  not_image: 'Tệp này không phải là ảnh.',
  too_large: 'Ảnh quá lớn.',
  too_small: 'Ảnh quá nhỏ, không đọc được trang giấy.',
  decode_failed: 'Ảnh bị hỏng hoặc không trọn vẹn.',
  unreadable: 'Không mở được tệp.',
};

const args = process.argv.slice(2).filter((a) => a !== '--');
const o = args.indexOf('--out');
const outDir = o >= 0 ? args[o + 1] : undefined;
const files = o >= 0 ? args.filter((_, i) => i !== o && i !== o + 1) : args;
if (files.length === 0 || (o >= 0 && !outDir)) {
  console.error('usage: npm run --silent document -- [--out DIR] FILE...');
  process.exit(2);
}

for (const file of files) {
  const t0 = performance.now();
  let line: Record<string, unknown>;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error('not a file');
    if (st.size > DEFAULT_MAX_INPUT_BYTES) line = { file, ok: false, error: 'too_large', message: MESSAGES.too_large };
    else {
      const r = await processDocumentPage(await readFile(file));
      if (r.ok) {
        const { edgesFound, corners, width, height, bytes } = r.page;
        line = { file, ok: true, edgesFound, corners, width, height, bytes, ms: Math.round(r.page.ms) };
        if (outDir) await writeFile(path.join(outDir, `${path.parse(file).name}.page.jpg`), r.page.jpeg);
      } else line = { file, ok: false, error: r.code, message: MESSAGES[r.code], ms: Math.round(performance.now() - t0) };
    }
  } catch {
    line = { file, ok: false, error: 'unreadable', message: MESSAGES.unreadable };
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
