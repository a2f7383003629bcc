import { describe, expect, it } from 'vitest';
import { readAddress } from '../../../common/admin/address.ts';
import { currentUnits } from '../../../common/admin/wards.ts';
import { answerOf, composeText, needsConfirm, searchFallback, startFrom, wardMatches } from '../../../renderer/src/address/picker.ts';

const units = currentUnits();
const hanoi = units.wardsOf('01');
const codes = (ws: readonly { code: string }[]) => ws.map((w) => w.code);

describe('the address picker: the ward search (renderer/src/address/picker.ts)', () => {
  it('finds a ward of the province without diacritics, in Telex, with or without the unit word', () => {
    for (const q of ['cua nam', 'Cửa Nam', 'cuwar nam', 'phuong cua nam', 'Phuwowngf cuwar nam', 'cua n']) expect(codes(wardMatches(hanoi, q))[0], q).toBe('00082');
    expect(wardMatches(hanoi, '')).toEqual([]);
    expect(wardMatches(units.wardsOf('79'), 'cua nam')).toEqual([]); // not in Hồ Chí Minh City
  });

  it('nothing matches: an old ward name gives the ward(s) it went into, a slip gives the closest names', () => {
    expect(wardMatches(hanoi, 'hang bai')).toEqual([]);
    expect(searchFallback(units, readAddress, '01', 'hang bai')).toMatchObject({ kind: 'former', former: 'Phường Hàng Bài', wards: [{ code: '00082' }] });
    const split = searchFallback(units, readAddress, '01', 'trang tien');
    expect(split).toMatchObject({ kind: 'former', former: 'Phường Tràng Tiền' });
    expect(codes(split!.wards)).toEqual(['00070', '00082']);
    const near = searchFallback(units, readAddress, '01', 'cua nan');
    expect(near?.kind).toBe('near');
    expect(codes(near!.wards)[0]).toBe('00082');
    for (const w of near!.wards) expect(w.provinceCode).toBe('01');
    // never empty for a real attempt: something to choose from
    expect(searchFallback(units, readAddress, '01', 'xyz abc')?.wards.length).toBeGreaterThan(0);
    expect(searchFallback(units, readAddress, '01', 'x')).toBeNull();
  });
});

describe('the address picker: where it starts from a saved answer', () => {
  it('picked before (codes): as it was', () => {
    const s = startFrom({ line: 'Số 5', provinceCode: '01', wardCode: '00082', text: 'Số 5, Phường Cửa Nam, Thành phố Hà Nội' }, units, readAddress);
    expect(s).toMatchObject({ provinceCode: '01', wardCode: '00082', line: 'Số 5', how: 'picked', source: null, candidates: [] });
  });

  it('from the ID card, the old ward went whole into a new one: that ward, the street kept, the card text shown to check', () => {
    const card = 'Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội';
    expect(startFrom({ line: '', text: card }, units, readAddress)).toMatchObject({ provinceCode: '01', wardCode: '00082', line: 'Số 12 Phố Huế', how: 'converted-whole', source: card, former: 'Phường Hàng Bài', candidates: [] });
  });

  it('from the ID card, the old ward was split: no ward, the candidates to choose from', () => {
    const s = startFrom({ line: '', text: 'Số 5 Tràng Tiền, Tràng Tiền, Hoàn Kiếm, Hà Nội' }, units, readAddress);
    expect(s).toMatchObject({ provinceCode: '01', wardCode: null, line: 'Số 5 Tràng Tiền', how: 'converted-split' });
    expect(codes(s.candidates)).toEqual(['00070', '00082']);
  });

  it('from the ID card, nothing matches: no ward, the closest names, never a guess', () => {
    const s = startFrom({ line: '', text: 'Thôn 2, Xã Không Có, Huyện Đâu Đó, Tỉnh Nghệ An' }, units, readAddress);
    expect(s.wardCode).toBeNull();
    expect(s.how).toBe('not-found');
    expect(s.candidates.length).toBeGreaterThan(0);
    expect(startFrom({ line: '', text: '' }, units, readAddress).how).toBe('empty');
    expect(startFrom(undefined, units, readAddress).how).toBe('empty');
  });

  it('composes the whole address; a residence without a street is the ward and province', () => {
    expect(composeText(' Số 5 ', 'Phường Cửa Nam', 'Thành phố Hà Nội')).toBe('Số 5, Phường Cửa Nam, Thành phố Hà Nội');
    expect(composeText('', 'Xã Minh Tân', 'Tỉnh Tuyên Quang')).toBe('Xã Minh Tân, Tỉnh Tuyên Quang');
  });
});

describe('the address picker: a ward set from the card waits for the resident\'s tap', () => {
  const card = 'Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội';
  const cuaNam = units.ward('00082')!;

  it('converted whole, or a current ward read from the card: asks for the tap; picked before, split, not found, empty: no (they pick a ward themselves)', () => {
    expect(needsConfirm(startFrom({ line: '', text: card }, units, readAddress))).toBe(true);
    expect(needsConfirm(startFrom({ line: '', text: 'Số 5, Phường Cửa Nam, Thành phố Hà Nội' }, units, readAddress))).toBe(true);
    expect(needsConfirm(startFrom({ line: 'Số 5', provinceCode: '01', wardCode: '00082', text: 'Số 5, Phường Cửa Nam, Thành phố Hà Nội' }, units, readAddress))).toBe(false);
    expect(needsConfirm(startFrom({ line: '', text: 'Số 5 Tràng Tiền, Tràng Tiền, Hoàn Kiếm, Hà Nội' }, units, readAddress))).toBe(false);
    expect(needsConfirm(startFrom({ line: '', text: 'Thôn 2, Xã Không Có, Huyện Đâu Đó, Tỉnh Nghệ An' }, units, readAddress))).toBe(false);
    expect(needsConfirm(startFrom(undefined, units, readAddress))).toBe(false);
  });

  it('nothing is reported before the tap; after it, the whole address with its codes', () => {
    const s = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', ward: cuaNam, line: 'Số 12 Phố Huế ', requireLine: false };
    expect(answerOf({ ...s, confirmed: false })).toBeNull();
    expect(answerOf({ ...s, confirmed: true })).toEqual({ line: 'Số 12 Phố Huế', provinceCode: '01', wardCode: '00082', text: 'Số 12 Phố Huế, Phường Cửa Nam, Thành phố Hà Nội' });
  });

  it('incomplete: no province or ward, or no street when post requires one', () => {
    const s = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', ward: cuaNam, line: ' ', requireLine: true, confirmed: true };
    expect(answerOf(s)).toBeNull();
    expect(answerOf({ ...s, requireLine: false })?.text).toBe('Phường Cửa Nam, Thành phố Hà Nội');
    expect(answerOf({ ...s, requireLine: false, ward: null })).toBeNull();
    expect(answerOf({ ...s, requireLine: false, provinceCode: null })).toBeNull();
  });
});
