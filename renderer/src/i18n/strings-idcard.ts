/**
 * The strings of reading the citizen ID card (renderer/src/idcard/), Vietnamese first, English second; spread
 * into ./strings.ts (which keeps the one key space and the unit test over every string).
 * Layer: renderer (pure data).
 */
import type { Entry } from './strings.ts';

export const idcardStrings = {
  idcardStart: { vi: 'Đọc thẻ căn cước để điền giúp', en: 'Read my ID card to fill this in' },
  idcardConsentTitle: { vi: 'Cho phép kiosk đọc thẻ căn cước?', en: 'Let the kiosk read your ID card?' },
  idcardConsentText: {
    vi: 'Kiosk sẽ đọc thẻ để điền giúp ông/bà; không lưu lại sau khi ông/bà rời đi. Ông/bà xem lại và sửa được từng thông tin trước khi dùng.',
    en: 'The kiosk will read your card to fill in the form for you; nothing is kept after you leave. You can check and correct every detail before it is used.',
  },
  idcardAllow: { vi: 'Đồng ý, đọc thẻ', en: 'Yes, read my card' },
  idcardDeny: { vi: 'Không, tôi tự nhập', en: 'No, I will type it' },
  idcardGuideTitle: { vi: 'Xin đưa thẻ vào đầu đọc', en: 'Please show your card to the reader' },
  idcardGuideText: {
    vi: 'Đưa mã QR trên thẻ căn cước (mặt trước thẻ cũ, mặt sau thẻ mới) vào ô sáng của đầu đọc phía dưới màn hình, cách khoảng một gang tay.',
    en: 'Hold the QR code of your ID card (front of the older card, back of the newer one) under the light of the reader below the screen, about a hand’s width away.',
  },
  idcardScannerMissing: {
    vi: 'Đầu đọc thẻ đang không hoạt động. Xin ông/bà tự nhập hoặc bấm “Cần hỗ trợ”.',
    en: 'The card reader is not working right now. Please type the details or tap “Get help”.',
  },
  idcardConfirmTitle: { vi: 'Thông tin đọc được từ thẻ', en: 'What the card says' },
  idcardConfirmText: { vi: 'Xin ông/bà kiểm tra; bấm vào ô để sửa nếu chưa đúng.', en: 'Please check; tap a box to correct it.' },
  idcardUse: { vi: 'Dùng thông tin này', en: 'Use these details' },
  idcardCheckNote: {
    vi: 'Máy đọc chưa chắc chắn ở {n} ô có dấu chấm than (!) dưới đây. Xin ông/bà xem kỹ các ô đó và sửa nếu chưa đúng.',
    en: 'The reader is not sure of the {n} boxes marked with an exclamation mark (!) below. Please look at them carefully and correct them if needed.',
  },
  idcardCheckUnsure: { vi: 'Xin kiểm tra lại: chữ trên thẻ đọc chưa rõ.', en: 'Please check: the card was hard to read here.' },
  idcardCheckDisputed: { vi: 'Xin kiểm tra lại: thông tin này không khớp với thông tin khác trên thẻ.', en: 'Please check: this does not match other details on the card.' },
  idcardCheckDerived: { vi: 'Xin kiểm tra lại: không đọc được chữ, máy suy ra từ số định danh.', en: 'Please check: not legible, worked out from the ID number.' },
  idcardCancel: { vi: 'Hủy', en: 'Cancel' },
  idcardExpired: { vi: 'Lưu ý: thẻ này đã hết hạn.', en: 'Note: this card has expired.' },
  idcardFilled: { vi: 'Đã điền {n} câu trả lời từ thẻ. Xin ông/bà kiểm tra lại.', en: 'Filled {n} answers from the card. Please check them.' },
  idcardCameraTitle: { vi: 'Xin đưa thẻ trước camera', en: 'Please hold your card up to the camera' },
  idcardCameraText: {
    vi: 'Đặt thẻ vào khung, mặt có mã QR hướng lên camera (thẻ cũ: mặt trước; thẻ mới: mặt sau). Giữ yên thẻ, tránh bị lóa.',
    en: 'Place the card inside the frame with the QR code facing the camera (older card: the front; newer card: the back). Hold it still and avoid glare.',
  },
  idcardCameraPreview: { vi: 'Hình từ camera, có khung để đặt thẻ', en: 'Camera picture with a frame for the card' },
  idcardCameraFrontHint: {
    vi: 'Mặt thẻ không có mã QR? Đặt mặt trước vào khung rồi bấm “Chụp mặt trước”.',
    en: 'No QR code on this side? Place the front in the frame and tap “Photograph the front”.',
  },
  idcardCameraOrScanner: { vi: 'Ông/bà cũng có thể đưa mã QR vào đầu đọc phía dưới màn hình.', en: 'You can also hold the QR code under the reader below the screen.' },
  idcardCaptureFront: { vi: 'Chụp mặt trước', en: 'Photograph the front' },
  idcardCameraStarting: { vi: 'Đang mở camera…', en: 'Opening the camera…' },
  idcardCameraLooking: { vi: 'Đang tìm thẻ trong khung…', en: 'Looking for the card in the frame…' },
  idcardReadingFront: { vi: 'Đang đọc mặt trước của thẻ, xin chờ một chút…', en: 'Reading the front of the card, one moment…' },
  idcardNoCardHint: {
    vi: 'Xin đặt cả thẻ nằm gọn trong khung, gần camera hơn, ở chỗ đủ sáng.',
    en: 'Please place the whole card inside the frame, a little closer, in good light.',
  },
  idcardCameraFailed: {
    vi: 'Không mở được camera. Xin ông/bà đưa mã QR vào đầu đọc, tự nhập, hoặc bấm “Cần hỗ trợ”.',
    en: 'The camera could not be opened. Please use the QR reader, type the details, or tap “Get help”.',
  },
  idf_fullName: { vi: 'Họ và tên', en: 'Full name' },
  idf_fullNameAscii: { vi: 'Họ và tên (không dấu)', en: 'Full name (no diacritics)' },
  idf_idNumber: { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
  idf_dateOfBirth: { vi: 'Ngày sinh', en: 'Date of birth' },
  idf_sex: { vi: 'Giới tính', en: 'Sex' },
  idf_nationality: { vi: 'Quốc tịch', en: 'Nationality' },
  idf_placeOfOrigin: { vi: 'Quê quán', en: 'Place of origin' },
  idf_placeOfResidence: { vi: 'Nơi thường trú', en: 'Place of residence' },
  idf_issueDate: { vi: 'Ngày cấp', en: 'Date of issue' },
  idf_dateOfExpiry: { vi: 'Có giá trị đến', en: 'Date of expiry' },
  idf_oldIdNumber: { vi: 'Số CMND cũ', en: 'Old ID number' },
} as const satisfies Record<string, Entry>;
