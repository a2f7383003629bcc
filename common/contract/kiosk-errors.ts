/**
 * The kiosk contract's errors: the codes, each code's text in Vietnamese and English (in one place:
 * the services throw `kioskError(code)`, the renderer shows the text it carries), the error's
 * shape on the wire and KioskError. kiosk-api.ts re-exports everything here. Layer: common — zod only.
 */
import { z } from 'zod';

export const ErrorCode = z.enum([
  'E_UNKNOWN_METHOD',
  'E_INVALID_PARAMS',
  'E_NO_SESSION',
  'E_NOT_FOUND',
  'E_INVALID_ANSWERS',
  'E_LOCKED',
  'E_FORBIDDEN',
  'E_UNAVAILABLE',
  'E_INTERNAL',
  // too many calls at once on the loopback carrier (browser-host/server.ts limits)
  'E_BUSY',
  // papers (issue 13)
  'E_PAPER_NOT_IMAGE',
  'E_PAPER_TOO_BIG',
  'E_PAPER_TOO_SMALL',
  'E_PAPER_TOO_MANY',
  'E_PAPERS_MISSING',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const KioskErrorShape = z.object({
  code: ErrorCode,
  /** Vietnamese first: what the resident may read. */
  message: z.string(),
  messageEn: z.string(),
  /** Field-level problems (paths and Vietnamese messages), never the values. */
  issues: z.array(z.object({ path: z.string(), message: z.string(), messageEn: z.string() })).optional(),
});
export type KioskErrorShape = z.infer<typeof KioskErrorShape>;

export class KioskError extends Error {
  readonly code: ErrorCode;
  readonly messageEn: string;
  readonly issues: KioskErrorShape['issues'];
  constructor(shape: KioskErrorShape) {
    super(shape.message);
    this.name = 'KioskError';
    this.code = shape.code;
    this.messageEn = shape.messageEn;
    this.issues = shape.issues;
  }
  toShape(): KioskErrorShape {
    return { code: this.code, message: this.message, messageEn: this.messageEn, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export const ERROR_TEXT: Record<ErrorCode, { vi: string; en: string }> = {
  E_UNKNOWN_METHOD: { vi: 'Yêu cầu không được hỗ trợ.', en: 'This request is not supported.' },
  E_INVALID_PARAMS: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is not valid.' },
  E_NO_SESSION: { vi: 'Phiên làm việc đã kết thúc. Xin mời bắt đầu lại.', en: 'The session has ended. Please start again.' },
  E_NOT_FOUND: { vi: 'Không tìm thấy thông tin.', en: 'Not found.' },
  E_INVALID_ANSWERS: { vi: 'Một số câu trả lời chưa đúng. Xin vui lòng kiểm tra lại.', en: 'Some answers are not valid. Please check them.' },
  E_LOCKED: { vi: 'Đã nhập sai quá nhiều lần. Xin đợi rồi thử lại.', en: 'Too many wrong attempts. Please wait and try again.' },
  E_FORBIDDEN: { vi: 'Không được phép.', en: 'Not allowed.' },
  E_UNAVAILABLE: { vi: 'Kiosk đang tạm ngưng phục vụ.', en: 'The kiosk is temporarily out of service.' },
  E_INTERNAL: { vi: 'Đã có lỗi xảy ra. Xin vui lòng thử lại.', en: 'Something went wrong. Please try again.' },
  E_BUSY: { vi: 'Kiosk đang bận. Xin vui lòng thử lại sau giây lát.', en: 'The kiosk is busy. Please try again in a moment.' },
  E_PAPER_NOT_IMAGE: { vi: 'Tệp này không phải là ảnh. Xin vui lòng chụp lại giấy tờ.', en: 'This is not a picture. Please photograph the paper again.' },
  E_PAPER_TOO_BIG: { vi: 'Ảnh quá lớn (tối đa 8 MB). Xin vui lòng chụp lại.', en: 'The picture is too large (8 MB at most). Please take it again.' },
  E_PAPER_TOO_SMALL: { vi: 'Ảnh quá nhỏ để đọc được. Xin vui lòng chụp lại gần hơn.', en: 'The picture is too small to read. Please take it again, closer.' },
  E_PAPER_TOO_MANY: {
    vi: 'Đã đủ số trang tối đa. Xin vui lòng xóa bớt một trang nếu muốn chụp thêm.',
    en: 'The maximum number of pages is reached. Please delete a page to take another.',
  },
  E_PAPERS_MISSING: { vi: 'Còn thiếu ảnh chụp giấy tờ bắt buộc. Xin vui lòng chụp trước khi nộp.', en: 'A required paper has not been photographed yet. Please photograph it before submitting.' },
};

export function kioskError(code: ErrorCode, issues?: KioskErrorShape['issues']): KioskError {
  return new KioskError({ code, message: ERROR_TEXT[code].vi, messageEn: ERROR_TEXT[code].en, ...(issues ? { issues } : {}) });
}

/** Turn zod issues into field problems without echoing the values. */
export function issuesFrom(error: z.ZodError): NonNullable<KioskErrorShape['issues']> {
  return error.issues.slice(0, 20).map((i) => {
    const path = i.path.map(String).join('.') || '(params)';
    const extra = i.code === 'unrecognized_keys' ? `: ${(i as { keys: string[] }).keys.join(', ')}` : '';
    return {
      path,
      message: `Trường "${path}" không hợp lệ (${i.code}${extra}).`,
      messageEn: `Field "${path}" is not valid (${i.code}${extra}).`,
    };
  });
}
