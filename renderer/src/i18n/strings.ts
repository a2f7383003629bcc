/**
 * Every string of the touch UI, Vietnamese first, English second.
 * Layer: renderer (pure data; imported by unit tests too).
 *
 * Placeholders are written `{name}` and filled by `format()` in ./index.ts.
 * Vietnamese text is NFC with full diacritics (a unit test checks both).
 */
export interface Entry {
  readonly vi: string;
  readonly en: string;
}

export const strings = {
  // — app frame
  appTitle: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
  connecting: { vi: 'Đang kết nối với kiosk…', en: 'Connecting to the kiosk…' },
  connectFailed: {
    vi: 'Chưa kết nối được với dịch vụ của kiosk. Kiosk sẽ tự thử lại sau vài giây.',
    en: 'Could not reach the kiosk services. The kiosk will try again in a few seconds.',
  },
  reconnecting: { vi: 'Mất kết nối. Đang kết nối lại…', en: 'Connection lost. Reconnecting…' },
  disconnectedCall: {
    vi: 'Không kết nối được với dịch vụ của kiosk. Xin vui lòng thử lại.',
    en: 'The kiosk services cannot be reached. Please try again.',
  },
  callTimeout: {
    vi: 'Kiosk phản hồi quá lâu. Xin vui lòng thử lại.',
    en: 'The kiosk took too long to answer. Please try again.',
  },
  errorUnexpected: { vi: 'Đã có lỗi xảy ra. Xin vui lòng thử lại.', en: 'Something went wrong. Please try again.' },
  errorScreenTitle: { vi: 'Xin lỗi, màn hình gặp sự cố', en: 'Sorry, this screen ran into a problem' },
  errorScreenBody: {
    vi: 'Thông tin bạn đã nhập sẽ được xóa. Xin mời bắt đầu lại từ màn hình đầu.',
    en: 'What you entered will be cleared. Please start again from the first screen.',
  },
  dismiss: { vi: 'Đóng thông báo', en: 'Close message' },
  close: { vi: 'Đóng', en: 'Close' },

  // — toolbar (every screen)
  help: { vi: 'Cần hỗ trợ', en: 'Get help' },
  helpRecorded: {
    vi: 'Đã ghi nhận yêu cầu hỗ trợ, xin vui lòng chờ trong giây lát',
    en: 'Your request for help has been recorded, please wait a moment',
  },
  langVi: { vi: 'Tiếng Việt', en: 'Tiếng Việt' },
  langEn: { vi: 'English', en: 'English' },
  langGroup: { vi: 'Chọn ngôn ngữ', en: 'Choose a language' },
  largeText: { vi: 'Chữ to', en: 'Large text' },
  highContrast: { vi: 'Tương phản cao', en: 'High contrast' },
  switchOn: { vi: 'Đang bật', en: 'On' },
  switchOff: { vi: 'Đang tắt', en: 'Off' },
  toolsLabel: { vi: 'Công cụ hỗ trợ', en: 'Tools' },
  exit: { vi: 'Về màn hình đầu / Thoát', en: 'Back to start / Exit' },
  exitConfirmTitle: { vi: 'Bạn muốn thoát?', en: 'Do you want to leave?' },
  exitConfirmBody: {
    vi: 'Mọi thông tin bạn đã nhập sẽ bị xóa và kiosk trở về màn hình đầu.',
    en: 'Everything you entered will be deleted and the kiosk will go back to the first screen.',
  },
  exitConfirmYes: { vi: 'Có, thoát và xóa thông tin', en: 'Yes, leave and delete' },
  exitConfirmNo: { vi: 'Không, ở lại', en: 'No, stay' },

  // — welcome
  welcomeTitle: { vi: 'Xin chào!', en: 'Welcome!' },
  welcomeLead: {
    vi: 'Kiosk giúp bạn tìm hiểu và nộp hồ sơ thủ tục hành chính của phường.',
    en: 'This kiosk helps you learn about and apply for the ward’s public services.',
  },
  welcomeStart: { vi: 'Chạm vào màn hình để bắt đầu', en: 'Touch the screen to start' },
  welcomePrivacy: {
    vi: 'Thông tin của bạn được xóa ngay khi bạn kết thúc hoặc rời khỏi kiosk.',
    en: 'Your information is deleted as soon as you finish or leave the kiosk.',
  },
  hotline: { vi: 'Đường dây nóng: {phone}', en: 'Hotline: {phone}' },
  counterHours: { vi: 'Giờ làm việc tại quầy: {hours}', en: 'Counter opening hours: {hours}' },
  maintenanceTitle: { vi: 'Tạm ngưng phục vụ', en: 'Temporarily out of service' },
  maintenanceDefault: {
    vi: 'Kiosk đang được bảo trì. Xin vui lòng quay lại sau hoặc đến quầy tiếp nhận hồ sơ.',
    en: 'The kiosk is under maintenance. Please come back later or go to the service counter.',
  },

  // — home / category
  homeTitle: { vi: 'Bạn cần làm thủ tục gì?', en: 'What do you need to do?' },
  popularTitle: { vi: 'Dịch vụ hay dùng', en: 'Most used services' },
  categoriesTitle: { vi: 'Chọn lĩnh vực', en: 'Choose a topic' },
  servicesCount: { vi: '{n} thủ tục', en: '{n} services' },
  categoryLead: { vi: 'Chọn thủ tục bạn cần:', en: 'Choose the service you need:' },
  categoryEmpty: { vi: 'Lĩnh vực này chưa có thủ tục nào trên kiosk.', en: 'There are no services in this topic on the kiosk yet.' },
  catalogueProblems: {
    vi: 'Có {n} thủ tục bị lỗi dữ liệu nên chưa hiển thị. Cán bộ phường đã được ghi nhận.',
    en: '{n} services have data errors and are not shown. Ward staff can see the details.',
  },
  back: { vi: 'Quay lại', en: 'Back' },
  home: { vi: 'Trang chủ', en: 'Home' },
  serviceCode: { vi: 'Mã thủ tục: {code}', en: 'Procedure code: {code}' },

  // — service page
  audienceTitle: { vi: 'Dành cho ai', en: 'Who it is for' },
  documentsTitle: { vi: 'Giấy tờ cần mang theo', en: 'Documents to bring' },
  documentsNone: { vi: 'Không cần giấy tờ.', en: 'No documents are needed.' },
  docRequired: { vi: 'bắt buộc', en: 'required' },
  docOptional: { vi: 'nếu có', en: 'if you have it' },
  feeTitle: { vi: 'Lệ phí', en: 'Fee' },
  feeCounter: { vi: 'Nộp tại quầy', en: 'At the counter' },
  feeOnline: { vi: 'Nộp trực tuyến', en: 'Online' },
  feeFree: { vi: 'Miễn phí', en: 'Free' },
  feeVaries: { vi: 'Theo quy định của tỉnh, thành phố', en: 'Set by the province or city' },
  feeAmount: { vi: '{amount} đồng', en: '{amount} dong' },
  legalTimeTitle: { vi: 'Thời hạn giải quyết', en: 'Time to decide' },
  onlineTitle: { vi: 'Có làm trực tuyến được không?', en: 'Can it be done online?' },
  onlineFull: { vi: 'Toàn trình', en: 'Fully online' },
  onlineFullText: {
    vi: 'Làm được hoàn toàn trực tuyến: nộp hồ sơ, nộp lệ phí và nhận kết quả trực tuyến hoặc qua bưu điện.',
    en: 'It can be done entirely online: apply, pay and receive the result online or by post.',
  },
  onlinePartial: { vi: 'Một phần', en: 'Partly online' },
  onlinePartialText: {
    vi: 'Nộp hồ sơ trực tuyến được, nhưng bạn vẫn phải đến cơ quan cho một số bước.',
    en: 'You can apply online, but some steps still need you to go in person.',
  },
  onlineNone: { vi: 'Không', en: 'Not online' },
  onlineNoneText: { vi: 'Thủ tục này không làm trực tuyến được.', en: 'This service cannot be done online.' },
  onlineWhy: { vi: 'Vì sao:', en: 'Why:' },
  onlineInstead: { vi: 'Bạn cần làm:', en: 'What to do instead:' },
  onlineEssential: {
    vi: 'Từ ngày 1/10/2025, thủ tục này chỉ nhận hồ sơ trực tuyến. Kiosk sẽ giúp bạn nộp.',
    en: 'Since 1 October 2025 this service is accepted online only. The kiosk will help you apply.',
  },
  apply: { vi: 'Bắt đầu nộp hồ sơ', en: 'Start your application' },
  applyNotHere: {
    vi: 'Kiosk chưa nhận hồ sơ thủ tục này. Xin vui lòng đến quầy tiếp nhận hoặc bấm “Cần hỗ trợ”.',
    en: 'The kiosk cannot take applications for this service yet. Please go to the counter or press “Get help”.',
  },

  // — question
  step: { vi: 'Bước {n}/{total}', en: 'Step {n} of {total}' },
  next: { vi: 'Tiếp tục', en: 'Continue' },
  saving: { vi: 'Đang lưu…', en: 'Saving…' },
  optional: { vi: '(không bắt buộc)', en: '(optional)' },
  errorPrefix: { vi: 'Lỗi:', en: 'Error:' },
  errorSummaryTitle: { vi: 'Cần sửa lại', en: 'There is a problem' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  selected: { vi: 'Đã chọn', en: 'Selected' },
  dateHint: { vi: 'Nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1958', en: 'Enter as day/month/year, for example 05/09/1958' },
  idNumberHint: { vi: 'Gồm 12 chữ số, in trên thẻ căn cước', en: '12 digits, printed on the citizen ID card' },
  phoneHint: { vi: 'Gồm 10 chữ số, bắt đầu bằng số 0', en: '10 digits, starting with 0' },
  keypadLabel: { vi: 'Bàn phím số', en: 'Number keypad' },
  keyDelete: { vi: 'Xóa lùi', en: 'Delete' },
  keyClear: { vi: 'Xóa hết', en: 'Clear' },
  charsLeft: { vi: 'Còn {n} ký tự', en: '{n} characters left' },

  // — validation (plain words)
  vRequired: { vi: 'Xin vui lòng trả lời câu hỏi này.', en: 'Please answer this question.' },
  vRequiredChoice: { vi: 'Xin vui lòng chọn một câu trả lời.', en: 'Please choose an answer.' },
  vTooLong: { vi: 'Câu trả lời dài quá. Tối đa {n} ký tự.', en: 'The answer is too long. At most {n} characters.' },
  vDateFormat: {
    vi: 'Ngày chưa đúng dạng. Xin nhập ngày/tháng/năm, ví dụ 05/09/1958.',
    en: 'The date is not in the right form. Enter day/month/year, for example 05/09/1958.',
  },
  vDateNotReal: { vi: 'Ngày này không có thật. Xin kiểm tra lại ngày và tháng.', en: 'This date does not exist. Please check the day and month.' },
  vDateFuture: { vi: 'Ngày này chưa tới. Xin kiểm tra lại ngày, tháng, năm.', en: 'This date is in the future. Please check the day, month and year.' },
  vDatePast: { vi: 'Ngày này đã qua. Xin chọn một ngày từ hôm nay trở đi.', en: 'This date has passed. Please choose today or a later date.' },
  vDateYear: { vi: 'Năm chưa đúng. Xin kiểm tra lại.', en: 'The year is not valid. Please check it.' },
  vDateTooOld: { vi: 'Năm phải từ 1900 trở về sau.', en: 'The year must be 1900 or later.' },
  vIdDigits: {
    vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số. Bạn đã nhập {n} chữ số.',
    en: 'The personal ID number must have exactly 12 digits. You entered {n}.',
  },
  vIdOnlyDigits: { vi: 'Số định danh cá nhân chỉ gồm chữ số.', en: 'The personal ID number has digits only.' },
  vIdStructure: {
    vi: 'Số định danh cá nhân này không đúng cấu trúc. Xin kiểm tra lại trên thẻ căn cước.',
    en: 'This personal ID number is not valid. Please check it on the ID card.',
  },
  vPhoneDigits: {
    vi: 'Số điện thoại phải gồm 10 chữ số và bắt đầu bằng số 0.',
    en: 'The phone number must have 10 digits and start with 0.',
  },
  vPhonePrefix: {
    vi: 'Số điện thoại di động phải bắt đầu bằng 03, 05, 07, 08 hoặc 09.',
    en: 'A mobile number must start with 03, 05, 07, 08 or 09.',
  },
  vNumber: { vi: 'Xin chỉ nhập chữ số.', en: 'Please enter digits only.' },
  vChoice: { vi: 'Xin vui lòng chọn một trong các câu trả lời.', en: 'Please choose one of the answers.' },

  // — check answers
  checkTitle: { vi: 'Kiểm tra lại thông tin', en: 'Check your answers' },
  checkLead: {
    vi: 'Xin đọc lại. Bấm “Sửa” để thay đổi một câu trả lời.',
    en: 'Please read them again. Press “Change” to change an answer.',
  },
  change: { vi: 'Sửa', en: 'Change' },
  changeLabel: { vi: 'Sửa: {label}', en: 'Change: {label}' },
  noAnswer: { vi: 'Không trả lời', en: 'Not answered' },
  consent: {
    vi: 'Tôi đồng ý gửi các thông tin cá nhân trên đến cơ quan nhà nước để giải quyết hồ sơ này.',
    en: 'I agree to send the personal information above to the authority to handle this application.',
  },
  consentRequired: {
    vi: 'Xin vui lòng bấm vào ô đồng ý trước khi gửi hồ sơ.',
    en: 'Please tick the agreement box before sending the application.',
  },
  answersInvalid: {
    vi: 'Một số câu trả lời chưa đúng. Bấm “Sửa” ở câu có đánh dấu lỗi.',
    en: 'Some answers are not valid. Press “Change” next to the answers marked with an error.',
  },
  submit: { vi: 'Gửi hồ sơ', en: 'Send application' },
  submitting: { vi: 'Đang gửi hồ sơ…', en: 'Sending the application…' },

  // — confirmation
  confirmTitle: { vi: 'Đã gửi hồ sơ thành công', en: 'Application sent' },
  codeLabel: { vi: 'Mã hồ sơ của bạn', en: 'Your application code' },
  codeNote: {
    vi: 'Xin ghi lại mã này. Bạn dùng mã này để tra cứu tình trạng hồ sơ.',
    en: 'Please write this code down. You use it to check on your application.',
  },
  expectedResult: { vi: 'Kết quả bạn sẽ nhận', en: 'What you will receive' },
  nextStepsTitle: { vi: 'Việc tiếp theo', en: 'What happens next' },
  finish: { vi: 'Hoàn tất', en: 'Finish' },
  finishNote: { vi: 'Bấm “Hoàn tất” để xóa thông tin của bạn khỏi kiosk.', en: 'Press “Finish” to delete your information from the kiosk.' },

  // — timeout warning
  timeoutTitle: { vi: 'Bạn vẫn đang dùng kiosk?', en: 'Are you still using the kiosk?' },
  timeoutBody: {
    vi: 'Kiosk sẽ tự xóa thông tin và trở về màn hình đầu sau:',
    en: 'The kiosk will delete your information and go back to the start in:',
  },
  timeoutSeconds: { vi: 'giây', en: 'seconds' },
  timeoutAnnounce: { vi: 'Còn {n} giây trước khi kiosk tự thoát.', en: '{n} seconds left before the kiosk leaves.' },
  timeoutExtend: { vi: 'Tôi cần thêm thời gian', en: 'I need more time' },

  // — staff
  staffPinTitle: { vi: 'Nhập mã PIN cán bộ', en: 'Enter the staff PIN' },
  staffPinEntered: { vi: 'Đã nhập {n} chữ số', en: '{n} digits entered' },
  staffPinWrong: { vi: 'Mã PIN không đúng.', en: 'Wrong PIN.' },
  staffPinLocked: { vi: 'Đã khóa do nhập sai nhiều lần. Thử lại sau {n} giây.', en: 'Locked after too many attempts. Try again in {n} seconds.' },
  staffMenuTitle: { vi: 'Trình đơn cán bộ', en: 'Staff menu' },
  staffExit: { vi: 'Thoát kiosk', en: 'Exit kiosk' },
  staffExiting: { vi: 'Kiosk đang thoát…', en: 'The kiosk is exiting…' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  ok: { vi: 'Đồng ý', en: 'OK' },
} as const satisfies Record<string, Entry>;

export type StringKey = keyof typeof strings;
