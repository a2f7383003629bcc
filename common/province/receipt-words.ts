/**
 * What the receipt and the confirmation screen say about the hand-off to the province (issue 14).
 * Layer: common.
 */
export type HandOffWords = 'numbered' | 'sent' | 'kept' | 'inbox';

export const HAND_OFF_NOTE: Record<HandOffWords, { vi: string; en: string } | null> = {
  numbered: {
    vi: 'Đây là số hồ sơ chính thức của bộ phận một cửa. Tra cứu bằng số này hoặc mã kiosk.',
    en: 'This is the one-stop desk’s official dossier number. Track with it or with the kiosk code.',
  },
  sent: {
    vi: 'Đây là mã của kiosk. Hồ sơ đã được gửi đến bộ phận một cửa; số hồ sơ chính thức sẽ được cấp khi cán bộ tiếp nhận. Tra cứu bằng mã này để xem số chính thức.',
    en: 'This is the kiosk’s code. The application has reached the one-stop desk; the official number follows when it is received. Track with this code to see it.',
  },
  kept: {
    vi: 'Đây là mã của kiosk. Hiện chưa kết nối được hệ thống một cửa: hồ sơ đã được lưu giữ và sẽ được gửi ngay khi kết nối lại. Số hồ sơ chính thức sẽ được cấp sau.',
    en: 'This is the kiosk’s code. The one-stop system cannot be reached right now: the application is kept and will be sent as soon as it can. The official number follows.',
  },
  inbox: null,
};
