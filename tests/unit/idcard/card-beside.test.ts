/**
 * A card among other print (issue 15's two cards in one photo; generator 9's "beside a bank card", session 12): the
 * ID card's front lying beside a dark bank card, whose large name the reader took for the holder's. Pictures drawn
 * here: a front of the tuning generator (tests/idcard-data/render.ts) and a bank card or a shop's member card drawn as
 * SVG, on a grey-blue table close to the ID card's pale colour — the bank card is the region the card finder sees
 * first. The ID card is found with the bank card left out (image.ts `exclude`) and read; a bank card alone gives no
 * name; two cards neither of which shows an ID card's front are refused as two cards.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectCard, loadFrame } from '../../../drivers/idcard/image.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { renderCard } from '../../idcard-data/render.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';

const rig = useCardReaders();

const BANK_NAME = 'NGÂN HÀNG SEN VÀNG';

/** An invented bank card, 856 × 540: dark green, its bank's name large, a chip, a 16-digit number, the holder in capitals. */
function bankCard(holder: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540">
  <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#145a40"/><stop offset="1" stop-color="#3c9a76"/></linearGradient></defs>
  <rect width="856" height="540" rx="34" fill="url(#g)"/>
  <text x="50" y="96" font-family="DejaVu Sans" font-weight="bold" font-size="44" fill="#fafafa">${BANK_NAME}</text>
  <rect x="80" y="170" width="110" height="85" rx="14" fill="#d6ba64"/>
  <text x="70" y="345" font-family="DejaVu Sans Mono" font-size="52" fill="#f5f5f5">9704  3734  1069  7863</text>
  <text x="380" y="400" font-family="DejaVu Sans" font-size="15" fill="#e6e6e6">VALID THRU</text>
  <text x="500" y="405" font-family="DejaVu Sans" font-size="28" fill="#f5f5f5">04/27</text>
  <text x="70" y="480" font-family="DejaVu Sans" font-size="32" fill="#f5f5f5">${holder}</text>
</svg>`);
}

/** A shop's member card, pale: no label, number or emblem of an ID card. */
function memberCard(): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540">
  <rect width="856" height="540" rx="34" fill="#f0e4bc"/>
  <rect y="0" width="856" height="120" fill="#8a3b1c"/>
  <text x="50" y="80" font-family="DejaVu Sans" font-weight="bold" font-size="46" fill="#ffffff">NHÀ SÁCH BÌNH MINH</text>
  <text x="50" y="230" font-family="DejaVu Sans" font-weight="bold" font-size="40" fill="#3a2a20">THẺ THÀNH VIÊN VÀNG</text>
  <text x="50" y="320" font-family="DejaVu Sans" font-size="32" fill="#3a2a20">Điểm tích lũy: 1250</text>
  <text x="50" y="470" font-family="DejaVu Sans Mono" font-size="40" fill="#3a2a20">TV 2041 7788</text>
</svg>`);
}

/** Two cards on a table, the first on the left turned a little, the second on the right: a JPEG photo. */
async function onTable(left: Buffer, right: Buffer, table = { r: 204, g: 211, b: 219 }): Promise<Buffer> {
  const clear = { r: 0, g: 0, b: 0, alpha: 0 };
  const a = await sharp(left).resize(720).ensureAlpha().rotate(-4, { background: clear }).png().toBuffer();
  const b = await sharp(right).resize(700).ensureAlpha().rotate(6, { background: clear }).png().toBuffer();
  return sharp({ create: { width: 1800, height: 1200, channels: 3, background: table } })
    .composite([
      { input: a, left: 110, top: 330 },
      { input: b, left: 1000, top: 340 },
    ])
    .jpeg({ quality: 88 })
    .toBuffer();
}

const person = makePerson(makeRng(1207), 2024);
const front = () => renderCard(person, 'front2024', makeRng(12));
const holderAscii = person.fullNameAscii.toUpperCase();

describe('an ID card beside another card', () => {
  it('the card finder sees the dark bank card first; with it left out, the pale ID card', async () => {
    const frame = await loadFrame(await onTable(await front(), await sharp(bankCard(holderAscii)).png().toBuffer()));
    const first = (await detectCard(frame))!;
    expect(first).toBeTruthy();
    const cx = (q: readonly [number, number][]) => q.reduce((s, p) => s + p[0], 0) / 4;
    expect(cx(first.corners)).toBeGreaterThan(900); // the bank card, on the right
    const second = (await detectCard(frame, undefined, first.corners))!;
    expect(second).toBeTruthy();
    expect(cx(second.corners)).toBeLessThan(900); // the ID card, on the left
    // its corners within a few percent of where the card lies (x 110–830, y 330–830 with the turn)
    expect(Math.min(...second.corners.map((p) => p[0]))).toBeGreaterThan(60);
    expect(Math.max(...second.corners.map((p) => p[0]))).toBeLessThan(880);
  }, 30_000);

  it('the front beside a bank card is read from the ID card, never the bank card', async () => {
    const photo = await onTable(await front(), await sharp(bankCard(holderAscii)).png().toBuffer());
    const r = await readCardImage(photo, rig.readers, { sources: ['ocr'], timeoutMs: 60_000 });
    expect(r.fields.idNumber).toBe(person.fields.idNumber);
    expect(r.fields.dateOfBirth).toBe(person.fields.dateOfBirth);
    if (r.fields.fullName !== undefined) expect(r.fields.fullName).not.toMatch(/ngân|hàng|sen|vàng/iu);
  }, 120_000);

  it('a bank card alone (a camera frame cut to it) gives no name', async () => {
    const alone = await sharp({ create: { width: 1100, height: 760, channels: 3, background: { r: 204, g: 211, b: 219 } } })
      .composite([{ input: await sharp(bankCard(holderAscii)).resize(800).png().toBuffer(), left: 150, top: 120 }])
      .jpeg({ quality: 88 })
      .toBuffer();
    const r = await readCardImage(alone, rig.readers, { sources: ['ocr'], timeoutMs: 60_000 });
    expect(r.fields.fullName).toBeUndefined();
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/[à-ỹđ]/u);
  }, 120_000);

  it('a bank card and a member card, neither an ID card: "có hai thẻ…", nothing read', async () => {
    const photo = await onTable(await sharp(memberCard()).png().toBuffer(), await sharp(bankCard(holderAscii)).png().toBuffer());
    const r = await readCardImage(photo, rig.readers, { sources: ['ocr'], timeoutMs: 60_000 });
    expect(r.ok).toBe(false);
    expect(r.error).toBe('có hai thẻ trong ảnh, xin đặt từng thẻ một');
    expect(r.fields).toEqual({});
  }, 120_000);
});
