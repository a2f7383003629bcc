import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readAddress, resolveAddress } from '../../../common/admin/address.ts';
import { unitProblems } from '../../../common/admin/check-units.ts';
import { conversionKind, isCurrentWard, units } from '../../../common/admin/units.ts';
import { ROOT } from '../../support/paths.ts';

describe('the 2025 units table', () => {
  it('has the 34 provinces and 3,321 wards and communes, and the old units that went into them', () => {
    const u = units();
    expect(u.provinces).toHaveLength(34);
    expect(u.wards).toHaveLength(3321);
    expect(u.oldWards.length).toBeGreaterThan(10_000);
    expect(u.province('01')?.name).toBe('Thành phố Hà Nội');
    expect(u.ward('00082')).toEqual({ code: '00082', name: 'Phường Cửa Nam', provinceCode: '01' });
    expect(u.newProvincesOfOld('02')).toEqual(['08']); // Hà Giang → Tuyên Quang
  });

  it('reads the table notes', () => {
    expect(conversionKind('Nhập toàn bộ')).toBe('whole');
    expect(conversionKind('Nhập một phần diện tích, toàn bộ dân số')).toBe('split');
    expect(conversionKind('Giữ nguyên')).toBe('unchanged');
    expect(conversionKind('Đổi tên')).toBe('renamed');
    expect(conversionKind('Đổi loại hình')).toBe('changed-kind');
  });

  it('knows a current ward of a province, and not a gone one', () => {
    expect(isCurrentWard('01', '00082')).toBe(true);
    expect(isCurrentWard('79', '00082')).toBe(false); // wrong province
    expect(isCurrentWard('01', '00088')).toBe(false); // Phường Hàng Bài's old code
  });
});

describe('resolveAddress: old addresses (cards issued before 1 July 2025)', () => {
  it('whole: an old ward that went whole into one new ward converts, certain', () => {
    const r = resolveAddress('Phường Hàng Bài, Quận Hoàn Kiếm, Thành phố Hà Nội');
    expect(r).toEqual({
      input: 'Phường Hàng Bài, Quận Hoàn Kiếm, Thành phố Hà Nội',
      province: { code: '01', name: 'Thành phố Hà Nội' },
      ward: { code: '00082', name: 'Phường Cửa Nam' },
      candidates: [],
      certain: true,
    });
    expect(resolveAddress('P. Bến Nghé, Q.1, TP.HCM').ward).toEqual({ code: '26740', name: 'Phường Sài Gòn' });
  });

  it('split: an old ward split between new wards gives the candidates, no ward, not certain', () => {
    const r = resolveAddress('Phường Đồng Tâm, Quận Hai Bà Trưng, Hà Nội');
    expect(r.ward).toBeNull();
    expect(r.certain).toBe(false);
    expect(r.province).toEqual({ code: '01', name: 'Thành phố Hà Nội' });
    expect(r.candidates).toEqual([
      { code: '00292', name: 'Phường Bạch Mai' },
      { code: '00322', name: 'Phường Tương Mai' },
    ]);
    // the old Phường Cửa Nam (Hoàn Kiếm) was split four ways — one of them the new Cửa Nam
    const c = readAddress('Số 5 Phường Cửa Nam Quận Hoàn Kiếm Thành phố Hà Nội');
    expect(c.how).toBe('converted-split');
    expect(c.candidates.map((w) => w.code)).toEqual(['00004', '00070', '00082', '00226']);
    expect(c.street).toBe('Số 5');
  });

  it('renamed and changed kind: the new name', () => {
    expect(resolveAddress('Xã Bà Gia, Huyện Đạ Huoai, Tỉnh Lâm Đồng')).toMatchObject({ ward: { code: '25114', name: 'Xã Đạ Huoai 3' }, certain: true });
    expect(resolveAddress('Thị trấn Mường Lát, Huyện Mường Lát, Thanh Hóa')).toMatchObject({ ward: { code: '14845', name: 'Xã Mường Lát' }, certain: true });
  });

  it('unchanged ward in a merged province: the same ward, the new province', () => {
    expect(resolveAddress('Xã Minh Tân, Huyện Vị Xuyên, Tỉnh Hà Giang')).toEqual({
      input: 'Xã Minh Tân, Huyện Vị Xuyên, Tỉnh Hà Giang',
      province: { code: '08', name: 'Tỉnh Tuyên Quang' },
      ward: { code: '00919', name: 'Xã Minh Tân' },
      candidates: [],
      certain: true,
    });
  });

  it('an old ward gone before 2025 (Phường 6, Quận 3 merged in 2023): not found, the candidates are the wards its old district went into', () => {
    for (const a of ['Phường 6, Quận 3, Thành phố Hồ Chí Minh', 'P.6, Q.3, TP.HCM']) {
      const r = resolveAddress(a);
      expect(r, a).toMatchObject({ province: { code: '79' }, ward: null, certain: false });
      expect(r.candidates.map((c) => c.code).sort(), a).toEqual(['27139', '27142', '27154']);
    }
  });

  it('a ward moved to another district before 2025 (Nghi Phong, once Nghi Lộc, then Vinh): offered, not certain', () => {
    const r = readAddress('Xóm 3, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An');
    expect(r).toMatchObject({ province: { code: '40' }, ward: null, certain: false, candidates: [{ code: '16708', name: 'Phường Vinh Lộc' }], street: 'Xóm 3' });
    expect(r.old?.ward).toBe('Xã Nghi Phong');
  });

  it('an old ward without its district, in the old province: still converted through the table', () => {
    expect(resolveAddress('Phường Hàng Bài, Hà Nội').ward?.code).toBe('00082');
  });
});

describe('resolveAddress: current addresses and forgiving reading', () => {
  it('abbreviations P./Q./TP./H., Tỉnh/Thành phố present or absent, house number, group and hamlet before the ward', () => {
    for (const a of [
      'Số 12, Tổ 5, P. Hàng Bài, Q. Hoàn Kiếm, TP. Hà Nội',
      'Số 12 ngõ 3, P.Hàng Bài, Q.Hoàn Kiếm, Hà Nội',
      'Tổ 5 Phường Hàng Bài, Hoàn Kiếm, Thành phố Hà Nội',
      'Phường Cửa Nam, Thành phố Hà Nội',
      'Thôn Đông, P. Cửa Nam, Hà Nội',
      'Phuong Cua Nam Ha Noi',
      'Cuwar Nam, Haf Nooij',
    ])
      expect(resolveAddress(a), a).toMatchObject({ province: { code: '01' }, ward: { code: '00082', name: 'Phường Cửa Nam' }, certain: true });
    expect(resolveAddress('Thôn 3, Xã Thuận Hòa, H. Vị Xuyên, T. Hà Giang').ward?.code).toBe('00922');
  });

  it('a ward name that exists in several provinces: candidates without a province; one ward with it', () => {
    const r = resolveAddress('Xã Tân Thành');
    expect(r.ward).toBeNull();
    expect(r.certain).toBe(false);
    expect(r.province).toBeNull();
    expect(r.candidates.length).toBeGreaterThan(3);
    expect(new Set(r.candidates.map((c) => c.name))).toEqual(new Set(['Xã Tân Thành'])); // not "Tân Thạnh": the diacritics were typed
    const provinces = new Set(r.candidates.map((c) => units().ward(c.code)!.provinceCode));
    expect(provinces.size).toBe(r.candidates.length);
    expect(resolveAddress('Ấp 2, Xã Tân Thành, Tỉnh Đồng Tháp')).toMatchObject({ province: { code: '82' }, ward: { code: '29938' }, certain: true });
  });

  it('nothing matches: not found with the closest candidates, never a guess', () => {
    const r = resolveAddress('Phường Cửa Nan, Hà Nội');
    expect(r.ward).toBeNull();
    expect(r.certain).toBe(false);
    expect(r.candidates[0]).toEqual({ code: '00082', name: 'Phường Cửa Nam' });
    const none = resolveAddress('Phường Không Có Thật, Thành phố Hà Nội');
    expect(none).toMatchObject({ province: { code: '01' }, ward: null, certain: false });
    expect(none.candidates.length).toBeGreaterThan(0);
    expect(resolveAddress('abc xyz')).toMatchObject({ ward: null, certain: false });
    expect(resolveAddress('')).toMatchObject({ province: null, ward: null, candidates: [], certain: false });
  });

  it('a name that is nowhere near any ward, with no province: still not found with the 5 closest, never a guess', () => {
    for (const a of ['Xã xyz abc', 'asdf', 'Phường Qwerty']) {
      const r = resolveAddress(a);
      expect(r, a).toMatchObject({ province: null, ward: null, certain: false });
      expect(r.candidates, a).toHaveLength(5);
      for (const c of r.candidates) expect(units().ward(c.code)?.name, a).toBe(c.name);
    }
    // the closest come first: a one-letter slip in a unique name is the first candidate
    expect(resolveAddress('Xã Xuyên Mộk').candidates[0]).toEqual({ code: '26632', name: 'Xã Xuyên Mộc' });
  });

  it('the unit word typed in Telex too, and Telex diacritics choose between same-folded names', () => {
    expect(resolveAddress('Phuwowngf Cuwar Nam')).toMatchObject({ province: { code: '01' }, ward: { code: '00082' }, certain: true });
    expect(resolveAddress('Xax Taan Thanhf, Ddoongf Thaps')).toMatchObject({ province: { code: '82' }, ward: { code: '29938', name: 'Xã Tân Thành' }, certain: true });
    expect(resolveAddress('Xã Tân Thạnh, Đồng Tháp')).toMatchObject({ ward: { code: '30157', name: 'Xã Tân Thạnh' }, certain: true });
    // without diacritics both are possible: the resident chooses
    expect(resolveAddress('Xa Tan Thanh, Dong Thap')).toMatchObject({ ward: null, certain: false, candidates: [{ code: '29938' }, { code: '30157' }] });
  });
});

describe('address codes at the boundary (common/admin/check-units.ts)', () => {
  it('refuses codes that are not a current ward of their province, in answers, groups and the postal address; text-only is left alone', () => {
    const ok = { line: 'Số 5', provinceCode: '01', wardCode: '00082', text: 'Số 5, Phường Cửa Nam, Thành phố Hà Nội' };
    const wrong = { ...ok, provinceCode: '79' };
    expect(unitProblems({ a: ok, b: { line: '', text: 'Hàng Bài, Hoàn Kiếm, Hà Nội' }, c: 'x', g: [{ m: ok }] }, ok)).toEqual([]);
    expect(unitProblems({ a: wrong, g: [{ m: ok }, { m: { ...ok, wardCode: '00088' } }] }, wrong).map((p) => p.path)).toEqual(['a', 'g.1.m', 'delivery']);
    expect(unitProblems({ a: wrong })[0]!.message.vi).toContain('Xin chọn lại tỉnh và phường/xã');
  });
});

describe('npm run address', () => {
  it('prints one JSON line per address, in order, with exactly the documented keys', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/address.ts', 'P. Hàng Bài, Q. Hoàn Kiếm, TP. Hà Nội', 'Phường Đồng Tâm, Quận Hai Bà Trưng, Hà Nội', 'Nowhere'], { cwd: ROOT, encoding: 'utf8' });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(Object.keys(l)).toEqual(['input', 'province', 'ward', 'candidates', 'certain']);
    expect(lines.map((l) => l.input)).toEqual(['P. Hàng Bài, Q. Hoàn Kiếm, TP. Hà Nội', 'Phường Đồng Tâm, Quận Hai Bà Trưng, Hà Nội', 'Nowhere']);
    expect(lines[0]!.ward).toEqual({ code: '00082', name: 'Phường Cửa Nam' });
    expect(lines[1]!.certain).toBe(false);
  });
});
