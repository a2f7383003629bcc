/**
 * The account pages' own password check (issue 17) says what the hub would say: same minimum, the
 * user name refused in any case, the old password refused; refusals in Vietnamese.
 */
import { describe, expect, it } from 'vitest';
import { accountErrorVi, accountStateVi, newPasswordProblem, PASSWORD_MIN } from '../../../../consoles/accounts/logic.ts';
import { MIN_PASSWORD, passwordProblem } from '../../../../hub/security/accounts.ts';

describe('account pages: the password rule', () => {
  it('is the hub’s rule (minimum, maximum, not the user name) — for every case both agree', () => {
    expect(PASSWORD_MIN).toBe(MIN_PASSWORD);
    const cases = ['ngắn', 'x'.repeat(9), 'x'.repeat(10), 'Hoa sen nở giữa hồ', 'TNV-HOA-2026-abc', 'abc tnv-hoa xyz', 'y'.repeat(128), 'y'.repeat(129), 'ệệệệệệệệệệ', 'e\u0302\u0323'.repeat(10)];
    for (const pw of cases) {
      const hub = passwordProblem('tnv-hoa', pw);
      const page = newPasswordProblem('tnv-hoa', pw, pw, 'mot-lan-cu');
      expect([pw, page === null]).toEqual([pw, hub === null]);
    }
  });

  it('refuses the old password and a mistyped repeat, in Vietnamese', () => {
    expect(newPasswordProblem('tnv-hoa', 'Hoa sen nở giữa hồ', 'Hoa sen nở giữa hồ', 'Hoa sen nở giữa hồ')).toBe('Mật khẩu mới phải khác mật khẩu cũ.');
    expect(newPasswordProblem('tnv-hoa', 'Hoa sen nở giữa hồ', 'Hoa sen no giữa hồ', 'cu')).toBe('Hai lần nhập mật khẩu mới không giống nhau.');
    // The same words typed with combining marks (NFD) are the same password.
    expect(newPasswordProblem('tnv-hoa', 'Hoa sen nở giữa hồ', 'Hoa sen nở giữa hồ'.normalize('NFD'), 'cu')).toBeNull();
  });

  it('says every refusal of the account routes in Vietnamese', () => {
    expect(accountErrorVi(409, 'conflict')).toContain('đã có người dùng');
    expect(accountErrorVi(403, 'forbidden')).toBe('Bạn không được quản lý tài khoản này.');
    expect(accountErrorVi(400, 'bad_request', ['ward'])).toContain('phường/xã');
    expect(accountErrorVi(400, 'bad_request', ['username'])).toContain('chữ thường không dấu');
    expect(accountErrorVi(400, 'weak_password', ['newPassword'], 'Mật khẩu không được chứa tên đăng nhập.')).toBe('Mật khẩu không được chứa tên đăng nhập.');
    expect(accountErrorVi(401, 'unauthorized')).toContain('đăng nhập lại');
    expect(accountErrorVi(500, 'error')).toContain('thử lại');
    expect(accountStateVi({ disabled: true, mustChangePassword: true }).text).toBe('Đã khoá');
    expect(accountStateVi({ disabled: false, mustChangePassword: true }).text).toBe('Chờ đổi mật khẩu lần đầu');
    expect(accountStateVi({ disabled: false, mustChangePassword: false }).tone).toBe('ok');
  });
});
