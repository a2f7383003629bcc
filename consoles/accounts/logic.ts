/**
 * Account pages of the consoles (issue 17), the pure part: Vietnamese words for roles and states,
 * the password rule as the hub applies it (checked here first so a person sees the reason before
 * sending), and the hub's refusals in plain Vietnamese. The hub stays the judge: it applies the same
 * rule (hub/security/accounts.ts) and decides who may manage whom.
 * Layer: browser (no DOM needed; unit-tested).
 */
import type { AccountView } from '../../common/contract/hub-console.ts';
import type { Role } from '../../common/contract/hub-common.ts';

/** The hub's minimum (MIN_PASSWORD in hub/security/accounts.ts; a unit test keeps them equal). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const ROLE_VI: Record<Role, string> = { volunteer: 'Tình nguyện viên', staff: 'Cán bộ phường', admin: 'Quản trị' };

export function accountStateVi(a: Pick<AccountView, 'disabled' | 'mustChangePassword'>): { text: string; tone: 'ok' | 'bad' | 'warn' } {
  if (a.disabled) return { text: 'Đã khoá', tone: 'bad' };
  if (a.mustChangePassword) return { text: 'Chờ đổi mật khẩu lần đầu', tone: 'warn' };
  return { text: 'Đang hoạt động', tone: 'ok' };
}

/** Why a new password would be refused (same rule as the hub), or null. */
export function newPasswordProblem(username: string, password: string, repeat: string, current: string): string | null {
  const p = password.normalize('NFC');
  const n = [...p].length;
  if (n < PASSWORD_MIN) return `Mật khẩu mới cần ít nhất ${PASSWORD_MIN} ký tự.`;
  if (n > PASSWORD_MAX) return `Mật khẩu mới dài quá ${PASSWORD_MAX} ký tự.`;
  if (p.toLowerCase().includes(username.toLowerCase())) return 'Mật khẩu mới không được chứa tên đăng nhập.';
  if (p === current.normalize('NFC')) return 'Mật khẩu mới phải khác mật khẩu cũ.';
  if (p !== repeat.normalize('NFC')) return 'Hai lần nhập mật khẩu mới không giống nhau.';
  return null;
}

/** The user-name rule of the contract (Username in hub-common.ts), said in Vietnamese. */
export const USERNAME_RULE_VI = 'Tên đăng nhập: 2–32 ký tự, chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới; bắt đầu bằng chữ hoặc số.';

/** A refusal of the account routes in plain Vietnamese. */
export function accountErrorVi(status: number, code: string, issues: readonly unknown[] = [], messageVi?: string): string {
  if (messageVi) return messageVi;
  if (status === 401) return 'Phiên đăng nhập đã hết; vui lòng đăng nhập lại.';
  if (code === 'password_change_required') return 'Bạn cần đổi mật khẩu trước.';
  if (status === 403 && code === 'forbidden') return 'Bạn không được quản lý tài khoản này.';
  if (status === 404) return 'Không tìm thấy tài khoản này.';
  if (status === 409) return 'Tên đăng nhập này đã có người dùng; vui lòng chọn tên khác.';
  if (status === 429) return 'Quá nhiều yêu cầu; vui lòng chờ một lát.';
  if (status === 400) {
    const fields = issues.map(String);
    if (fields.some((f) => f.startsWith('username'))) return USERNAME_RULE_VI;
    if (fields.some((f) => f.startsWith('displayName'))) return 'Họ tên cần từ 1 đến 80 ký tự.';
    if (fields.some((f) => f.startsWith('ward'))) return 'Cần mã phường/xã hợp lệ (tài khoản cán bộ và tình nguyện viên luôn thuộc một phường/xã).';
    if (fields.some((f) => f.startsWith('languages'))) return 'Chọn ít nhất một ngôn ngữ.';
    if (fields.some((f) => f.startsWith('newPassword'))) return `Mật khẩu mới cần từ ${PASSWORD_MIN} đến ${PASSWORD_MAX} ký tự.`;
    return 'Thông tin chưa hợp lệ.';
  }
  return 'Máy chủ đang gặp lỗi; vui lòng thử lại.';
}
