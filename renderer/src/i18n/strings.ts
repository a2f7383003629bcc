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
    vi: 'Thông tin ông/bà đã nhập sẽ được xóa. Xin mời ông/bà bắt đầu lại từ màn hình đầu.',
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
  exitConfirmTitle: { vi: 'Ông/bà muốn thoát?', en: 'Do you want to leave?' },
  exitConfirmBody: {
    vi: 'Mọi thông tin ông/bà đã nhập sẽ bị xóa và kiosk trở về màn hình đầu.',
    en: 'Everything you entered will be deleted and the kiosk will go back to the first screen.',
  },
  exitConfirmYes: { vi: 'Có, thoát và xóa thông tin', en: 'Yes, leave and delete' },
  exitConfirmNo: { vi: 'Không, ở lại', en: 'No, stay' },

  // — welcome
  welcomeTitle: { vi: 'Xin chào!', en: 'Welcome!' },
  welcomeLead: {
    vi: 'Kiosk giúp ông/bà tìm hiểu và nộp hồ sơ thủ tục hành chính của phường.',
    en: 'This kiosk helps you learn about and apply for the ward’s public services.',
  },
  welcomeStart: { vi: 'Chạm vào màn hình để bắt đầu', en: 'Touch the screen to start' },
  welcomePrivacy: {
    vi: 'Thông tin của ông/bà được xóa ngay khi ông/bà kết thúc hoặc rời khỏi kiosk.',
    en: 'Your information is deleted as soon as you finish or leave the kiosk.',
  },
  hotline: { vi: 'Đường dây nóng: {phone}', en: 'Hotline: {phone}' },
  counterHours: { vi: 'Giờ làm việc tại quầy: {hours}', en: 'Counter opening hours: {hours}' },
  maintenanceTitle: { vi: 'Tạm ngưng phục vụ', en: 'Temporarily out of service' },
  maintenanceDefault: {
    vi: 'Kiosk đang được bảo trì. Xin ông/bà vui lòng quay lại sau hoặc đến quầy tiếp nhận hồ sơ.',
    en: 'The kiosk is under maintenance. Please come back later or go to the service counter.',
  },

  // — home / category
  homeTitle: { vi: 'Ông/bà cần làm thủ tục gì?', en: 'What do you need to do?' },
  popularTitle: { vi: 'Dịch vụ hay dùng', en: 'Most used services' },
  categoriesTitle: { vi: 'Chọn lĩnh vực', en: 'Choose a topic' },
  servicesCount: { vi: '{n} thủ tục', en: '{n} services' },
  categoryLead: { vi: 'Xin mời ông/bà chọn thủ tục cần làm:', en: 'Choose the service you need:' },
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
    vi: 'Nộp hồ sơ trực tuyến được, nhưng ông/bà vẫn phải đến cơ quan cho một số bước.',
    en: 'You can apply online, but some steps still need you to go in person.',
  },
  onlineNone: { vi: 'Không', en: 'Not online' },
  onlineNoneText: { vi: 'Thủ tục này không làm trực tuyến được.', en: 'This service cannot be done online.' },
  onlineWhy: { vi: 'Vì sao:', en: 'Why:' },
  onlineInstead: { vi: 'Ông/bà cần làm:', en: 'What to do instead:' },
  onlineEssential: {
    vi: 'Từ ngày 1/10/2025, thủ tục này chỉ nhận hồ sơ trực tuyến. Kiosk sẽ giúp ông/bà nộp.',
    en: 'Since 1 October 2025 this service is accepted online only. The kiosk will help you apply.',
  },
  apply: { vi: 'Bắt đầu nộp hồ sơ', en: 'Start your application' },
  applyNotHere: {
    vi: 'Kiosk chưa nhận hồ sơ thủ tục này. Xin ông/bà vui lòng đến quầy tiếp nhận hoặc bấm “Cần hỗ trợ”.',
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

  // — check answers
  checkTitle: { vi: 'Kiểm tra lại thông tin', en: 'Check your answers' },
  checkLead: {
    vi: 'Xin ông/bà đọc lại. Bấm “Sửa” để thay đổi một câu trả lời.',
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
    vi: 'Xin ông/bà vui lòng bấm vào ô đồng ý trước khi gửi hồ sơ.',
    en: 'Please tick the agreement box before sending the application.',
  },
  answersInvalid: {
    vi: 'Một số câu trả lời chưa đúng. Xin ông/bà bấm “Sửa” ở câu có đánh dấu lỗi.',
    en: 'Some answers are not valid. Press “Change” next to the answers marked with an error.',
  },
  submit: { vi: 'Gửi hồ sơ', en: 'Send application' },
  submitting: { vi: 'Đang gửi hồ sơ…', en: 'Sending the application…' },

  // — the help call
  helpRinging: { vi: 'Đang gọi tình nguyện viên, xin ông/bà chờ trong giây lát…', en: 'Calling a volunteer, please wait a moment…' },
  helpRingingCount: { vi: 'Đang gọi {n} tình nguyện viên.', en: 'Calling {n} volunteers.' },
  helpCancel: { vi: 'Thôi, không cần nữa', en: 'Cancel the call' },
  helpUnanswered: { vi: 'Hiện chưa có tình nguyện viên nào rảnh.', en: 'No volunteer is free right now.' },
  helpWait: { vi: 'Tiếp tục chờ', en: 'Keep waiting' },
  helpCallback: { vi: 'Để lại số điện thoại, tình nguyện viên sẽ gọi lại', en: 'Leave my phone number for a call back' },
  helpCallbackSend: { vi: 'Gửi số điện thoại', en: 'Send my number' },
  helpCallbackDone: { vi: 'Đã ghi nhận. Tình nguyện viên sẽ gọi lại cho ông/bà sớm nhất có thể.', en: 'Recorded. A volunteer will call you back as soon as possible.' },
  helpContact: { vi: 'Hoặc gọi {name}: {phone}', en: 'Or call {name}: {phone}' },
  helpInCall: { vi: 'Tình nguyện viên {name} đang hỗ trợ ông/bà.', en: 'Volunteer {name} is helping you.' },
  helpMediaConnecting: { vi: 'Đang kết nối âm thanh…', en: 'Connecting the sound…' },
  helpMediaConnected: { vi: 'Đã kết nối âm thanh. Ông/bà cứ nói bình thường.', en: 'Sound connected. Just speak normally.' },
  helpMediaReconnecting: { vi: 'Đường truyền chập chờn, đang kết nối lại…', en: 'The connection is unstable, reconnecting…' },
  helpChatTitle: { vi: 'Tin nhắn', en: 'Messages' },
  helpFromVolunteer: { vi: 'Tình nguyện viên', en: 'Volunteer' },
  helpFromMe: { vi: 'Ông/bà', en: 'You' },
  helpQuick1: { vi: 'Tôi nghe rõ.', en: 'I can hear you.' },
  helpQuick2: { vi: 'Tôi không nghe thấy.', en: 'I cannot hear you.' },
  helpQuick3: { vi: 'Xin nói chậm lại.', en: 'Please speak more slowly.' },
  helpQuick4: { vi: 'Cảm ơn cháu.', en: 'Thank you.' },
  helpAllowControl: { vi: 'Cho phép tình nguyện viên gõ giúp trên màn hình', en: 'Let the volunteer type on this screen' },
  helpRevokeControl: { vi: 'Thôi, không cho gõ giúp nữa', en: 'Stop the volunteer typing' },
  helpShowData: { vi: 'Cho tình nguyện viên xem thông tin cá nhân của tôi', en: 'Let the volunteer see my personal details' },
  helpHideData: { vi: 'Che lại thông tin cá nhân của tôi', en: 'Hide my personal details again' },
  helpDataHidden: { vi: 'Tình nguyện viên thấy màn hình này, nhưng thông tin cá nhân của ông/bà được che đi.', en: 'The volunteer sees this screen, but your personal details are hidden.' },
  helpDataShown: { vi: 'Tình nguyện viên đang thấy cả thông tin cá nhân của ông/bà.', en: 'The volunteer can now see your personal details too.' },
  helpEnd: { vi: 'Kết thúc cuộc gọi', en: 'End the call' },
  helpEnded: { vi: 'Cuộc gọi đã kết thúc.', en: 'The call has ended.' },
  helpClose: { vi: 'Đóng', en: 'Close' },
  // — reading the citizen ID card
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
  // — receipt
  receiptPrinting: { vi: 'Đang in giấy biên nhận…', en: 'Printing your receipt…' },
  receiptPrinted: { vi: 'Đã in xong giấy biên nhận. Xin ông/bà nhận giấy ở khe máy in.', en: 'Your receipt is printed. Please take it from the printer.' },
  receiptFailed: {
    vi: 'Chưa in được giấy biên nhận ({reason}). Xin ông/bà chụp ảnh mã QR dưới đây hoặc ghi lại mã hồ sơ. Nếu máy in hoạt động lại trước khi ông/bà kết thúc, giấy sẽ được in; sau đó giấy chưa in sẽ được hủy để bảo vệ thông tin của ông/bà.',
    en: 'The receipt could not be printed ({reason}). Please take a photo of the QR code below or write down the code. If the printer works again before you finish, it will print; after that the unprinted receipt is deleted to protect your information.',
  },
  receiptNone: { vi: 'Xin ông/bà chụp ảnh mã QR dưới đây hoặc ghi lại mã hồ sơ.', en: 'Please take a photo of the QR code below or write down the code.' },
  trackingQrAlt: { vi: 'Mã QR để tra cứu hồ sơ {code}', en: 'QR code to track application {code}' },
  // — confirmation
  confirmTitle: { vi: 'Đã gửi hồ sơ thành công', en: 'Application sent' },
  codeLabel: { vi: 'Mã hồ sơ của ông/bà', en: 'Your application code' },
  codeNote: {
    vi: 'Xin ông/bà ghi lại mã này. Ông/bà dùng mã này để tra cứu tình trạng hồ sơ.',
    en: 'Please write this code down. You use it to check on your application.',
  },
  expectedResult: { vi: 'Kết quả ông/bà sẽ nhận', en: 'What you will receive' },
  nextStepsTitle: { vi: 'Việc tiếp theo', en: 'What happens next' },
  finish: { vi: 'Hoàn tất', en: 'Finish' },
  finishNote: {
    vi: 'Khi xong, xin ông/bà bấm “Hoàn tất”. Thông tin của ông/bà sẽ được xóa khỏi kiosk.',
    en: 'When you are done, press “Finish”. Your information will be deleted from the kiosk.',
  },
  homeLead: { vi: 'Xin mời ông/bà tìm theo tên, hoặc chọn một lĩnh vực bên dưới.', en: 'Find a service by name, or choose a topic below.' },
  welcomeTrack: { vi: 'Tra cứu hồ sơ đã nộp', en: 'Track an application you sent' },

  // — timeout warning
  timeoutTitle: { vi: 'Ông/bà vẫn đang dùng kiosk?', en: 'Are you still using the kiosk?' },
  timeoutBody: {
    vi: 'Kiosk sẽ tự xóa thông tin và trở về màn hình đầu sau:',
    en: 'The kiosk will delete your information and go back to the start in:',
  },
  timeoutSeconds: { vi: 'giây', en: 'seconds' },
  timeoutAnnounce: { vi: 'Còn {n} giây trước khi kiosk tự thoát.', en: '{n} seconds left before the kiosk leaves.' },
  timeoutExtend: { vi: 'Tôi cần thêm thời gian', en: 'I need more time' },


  // — voice guidance (toolbar)
  voiceRead: { vi: 'Đọc to', en: 'Read aloud' },
  voiceAuto: { vi: 'Tự đọc', en: 'Auto read' },
  voiceUnavailable: {
    vi: 'Hiện kiosk chưa đọc to được. Xin ông/bà bấm “Cần hỗ trợ” nếu cần người giúp.',
    en: 'The kiosk cannot read aloud right now. Press “Get help” if you need someone.',
  },

  // — search
  openSearch: { vi: 'Tìm dịch vụ', en: 'Find a service' },
  openSearchHint: { vi: 'Gõ tên thủ tục, ví dụ “khai sinh”', en: 'Type the name of a service, e.g. “birth”' },
  searchTitle: { vi: 'Tìm dịch vụ', en: 'Find a service' },
  searchLead: {
    vi: 'Xin ông/bà gõ tên thủ tục bằng bàn phím trên màn hình. Không cần gõ dấu.',
    en: 'Please type the name of the service on the on-screen keyboard. Accents are not needed.',
  },
  searchLabel: { vi: 'Tên thủ tục cần tìm', en: 'Name of the service to find' },
  searchTry: { vi: 'Thử gõ:', en: 'Try typing:' },
  searchSuggestions: { vi: 'khai sinh, tạm trú, chứng thực', en: 'birth, temporary residence, certify' },
  searchResults: { vi: 'Tìm thấy {n} thủ tục', en: '{n} services found' },
  searchNone: {
    vi: 'Chưa tìm thấy thủ tục nào. Xin ông/bà thử gõ từ khác, hoặc chọn theo lĩnh vực ở trang chủ.',
    en: 'No service found yet. Please try other words, or choose by topic on the home page.',
  },
  searchEmpty: { vi: 'Kết quả sẽ hiện ở đây khi ông/bà gõ.', en: 'Results appear here as you type.' },

  // — on-screen keyboard
  keyboardLabel: { vi: 'Bàn phím tiếng Việt', en: 'Vietnamese keyboard' },
  kbLayoutGroup: { vi: 'Cách gõ dấu', en: 'How to type accents' },
  kbTelex: { vi: 'Telex', en: 'Telex' },
  kbVni: { vi: 'VNI', en: 'VNI' },
  kbDirect: { vi: 'Bấm dấu', en: 'Tap accents' },
  kbTelexHint: { vi: 'Gõ Telex: aa → â, ow → ơ, dd → đ; s sắc, f huyền, r hỏi, x ngã, j nặng.', en: 'Telex: aa → â, ow → ơ, dd → đ; s, f, r, x, j add the tones.' },
  kbVniHint: { vi: 'Gõ VNI: số 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng; 6 â ê ô, 7 ơ ư, 8 ă, 9 đ.', en: 'VNI: 1–5 add the tones; 6 â ê ô, 7 ơ ư, 8 ă, 9 đ.' },
  kbDirectHint: { vi: 'Gõ chữ không dấu, rồi bấm dấu ở hàng dưới: dấu sẽ vào chữ đang gõ.', en: 'Type the letters, then tap an accent below: it goes onto the word being typed.' },
  kbTones: { vi: 'Dấu thanh', en: 'Tone marks' },
  kbMarks: { vi: 'Chữ có dấu', en: 'Accented letters' },
  toneSac: { vi: 'sắc', en: 'sắc (acute)' },
  toneHuyen: { vi: 'huyền', en: 'huyền (grave)' },
  toneHoi: { vi: 'hỏi', en: 'hỏi (hook)' },
  toneNga: { vi: 'ngã', en: 'ngã (tilde)' },
  toneNang: { vi: 'nặng', en: 'nặng (dot)' },
  keySpace: { vi: 'Dấu cách', en: 'Space' },
  keyShift: { vi: 'Chữ hoa', en: 'Capitals' },
  keyShiftOnce: { vi: 'Chữ hoa: một chữ', en: 'Capitals: next letter' },
  keyShiftLock: { vi: 'Chữ hoa: luôn bật', en: 'Capitals: locked' },
  nameAutoCap: { vi: 'Chữ đầu mỗi từ tự viết hoa.', en: 'The first letter of each word is capitalised for you.' },

  // — track
  openTrack: { vi: 'Tra cứu hồ sơ', en: 'Track an application' },
  openTrackHint: { vi: 'Xem hồ sơ đã nộp đang ở bước nào', en: 'See where an application you sent is' },
  trackTitle: { vi: 'Tra cứu hồ sơ', en: 'Track an application' },
  trackLead: {
    vi: 'Xin ông/bà nhập mã hồ sơ in trên giấy biên nhận, rồi bấm “Tra cứu”.',
    en: 'Please enter the application code printed on your receipt, then press “Track”.',
  },
  trackLabel: { vi: 'Mã hồ sơ', en: 'Application code' },
  trackHint: { vi: 'Ví dụ: 000.00.12.H29-261123-1001. Dấu chấm và gạch ngang tự thêm vào.', en: 'For example 000.00.12.H29-261123-1001. Dots and dashes are added for you.' },
  trackNextLetter: { vi: 'Tiếp theo là một chữ cái.', en: 'Next comes a letter.' },
  trackLetters: { vi: 'Chữ cái', en: 'Letters' },
  trackKeypad: { vi: 'Bàn phím nhập mã', en: 'Code keypad' },
  trackSubmit: { vi: 'Tra cứu', en: 'Track' },
  trackChecking: { vi: 'Đang tra cứu…', en: 'Checking…' },
  trackIncomplete: {
    vi: 'Mã hồ sơ chưa đủ. Mã có dạng 000.00.12.H29-261123-1001.',
    en: 'The code is not complete. It looks like 000.00.12.H29-261123-1001.',
  },
  trackNotFound: {
    vi: 'Xin lỗi, chưa tìm thấy hồ sơ có mã này. Xin ông/bà kiểm tra lại mã trên giấy biên nhận, hoặc bấm “Cần hỗ trợ” để cán bộ giúp.',
    en: 'Sorry, no application with this code was found. Please check the code on your receipt, or press “Get help”.',
  },
  trackService: { vi: 'Thủ tục: {name}', en: 'Service: {name}' },
  trackTimeline: { vi: 'Các bước của hồ sơ', en: 'Steps of the application' },
  trackAnother: { vi: 'Tra cứu mã khác', en: 'Track another code' },
  stSubmitted: { vi: 'Đã nộp tại kiosk', en: 'Sent at the kiosk' },
  stQueued: { vi: 'Đang chờ gửi', en: 'Waiting to be sent' },
  stReceived: { vi: 'Đã tiếp nhận', en: 'Received' },
  stProcessing: { vi: 'Đang xử lý', en: 'Being processed' },
  stNeedsMore: { vi: 'Cần bổ sung', en: 'More needed' },
  stDone: { vi: 'Đã có kết quả', en: 'Result ready' },
  stDoneAt: { vi: 'Đã xong', en: 'Done' },
  stCurrent: { vi: 'Bước hiện tại', en: 'Current step' },
  stNotYet: { vi: 'Chưa tới', en: 'Not yet' },

  // — rating and thanks
  ratingTitle: { vi: 'Ông/bà hài lòng với dịch vụ hôm nay không?', en: 'Are you satisfied with the service today?' },
  ratingLead: { vi: 'Xin mời ông/bà chạm vào một khuôn mặt. Chỉ cần một lần chạm.', en: 'Please touch one face. One touch is enough.' },
  rating1: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
  rating2: { vi: 'Không hài lòng', en: 'Dissatisfied' },
  rating3: { vi: 'Bình thường', en: 'Neither' },
  rating4: { vi: 'Hài lòng', en: 'Satisfied' },
  rating5: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  ratingSkip: { vi: 'Bỏ qua', en: 'Skip' },
  ratingSending: { vi: 'Đang gửi…', en: 'Sending…' },
  thanksTitle: { vi: 'Xin cảm ơn ông/bà!', en: 'Thank you!' },
  thanksLead: {
    vi: 'Thông tin của ông/bà đang được xóa khỏi kiosk. Kính chúc ông/bà nhiều sức khỏe.',
    en: 'Your information is being deleted from the kiosk. Have a good day.',
  },

  // — staff
  staffPinTitle: { vi: 'Nhập mã PIN cán bộ', en: 'Enter the staff PIN' },
  staffPinEntered: { vi: 'Đã nhập {n} chữ số', en: '{n} digits entered' },
  staffPinWrong: { vi: 'Mã PIN không đúng.', en: 'Wrong PIN.' },
  staffPinLocked: { vi: 'Đã khóa do nhập sai nhiều lần. Thử lại sau {n} giây.', en: 'Locked after too many attempts. Try again in {n} seconds.' },
  staffMenuTitle: { vi: 'Trình đơn cán bộ', en: 'Staff menu' },
  staffExit: { vi: 'Thoát kiosk', en: 'Exit kiosk' },
  staffExiting: { vi: 'Kiosk đang thoát…', en: 'The kiosk is exiting…' },

  // — fleet: enrolment with the ward's hub, maintenance from the hub, track offline (docs/fleet.md)
  enrolTitle: { vi: 'Kiosk chưa được đăng ký với máy chủ của phường', en: 'This kiosk is not yet enrolled with the ward’s hub' },
  enrolLead: {
    vi: 'Kiosk đang được cài đặt nên chưa thể phục vụ. Xin ông/bà vui lòng liên hệ Bộ phận một cửa của phường.',
    en: 'The kiosk is being set up and cannot serve yet. Please contact the ward’s one-stop office.',
  },
  enrolStaffHint: {
    vi: 'Dành cho cán bộ phường: tạo mã đăng ký trong trang cán bộ, chạm nút dưới đây, nhập mã PIN rồi nhập mã đăng ký.',
    en: 'For ward staff: create an enrolment code in the staff console, tap the button below, enter the PIN, then the code.',
  },
  enrolOpenStaff: { vi: 'Cán bộ: đăng ký kiosk', en: 'Staff: enrol this kiosk' },
  enrolCodeLabel: { vi: 'Mã đăng ký (8 ký tự)', en: 'Enrolment code (8 characters)' },
  enrolCodeHint: { vi: 'Mã gồm chữ và số, không có 0, O, 1 và I.', en: 'Letters and digits, without 0, O, 1 or I.' },
  enrolKeypad: { vi: 'Bàn phím nhập mã đăng ký', en: 'Enrolment code keypad' },
  enrolSubmit: { vi: 'Đăng ký', en: 'Enrol' },
  enrolBusy: { vi: 'Đang đăng ký…', en: 'Enrolling…' },
  enrolIncomplete: { vi: 'Xin nhập đủ 8 ký tự của mã.', en: 'Please enter all 8 characters of the code.' },
  enrolDone: { vi: 'Đã đăng ký. Kiosk đang kết nối với máy chủ của phường.', en: 'Enrolled. The kiosk is connecting to the ward’s hub.' },
  enrolBadCode: { vi: 'Mã không đúng, đã dùng hoặc đã hết hạn. Xin tạo mã mới trong trang cán bộ.', en: 'The code is wrong, used or expired. Please create a new one in the staff console.' },
  enrolAlready: { vi: 'Mã máy {id} đã được đăng ký trên máy chủ. Xin kiểm tra mã máy trong tệp cấu hình.', en: 'Kiosk id {id} is already enrolled on the hub. Please check the kiosk id in the config file.' },
  enrolUnreachable: { vi: 'Không kết nối được máy chủ của phường. Xin kiểm tra mạng rồi thử lại.', en: 'The ward’s hub cannot be reached. Please check the network and try again.' },
  enrolNoHub: { vi: 'Kiosk chưa được cấu hình địa chỉ máy chủ của phường.', en: 'The kiosk has no ward hub address in its configuration.' },
  enrolRefused: { vi: 'Máy chủ từ chối yêu cầu đăng ký.', en: 'The hub refused the enrolment.' },
  enrolPinExpired: { vi: 'Phiên cán bộ đã hết hạn. Xin nhập lại mã PIN.', en: 'The staff session has expired. Please enter the PIN again.' },
  pairTitle: { vi: 'Mã ghép nối kiosk', en: 'Kiosk pairing code' },
  pairInstruction: {
    vi: 'Cán bộ phường: mở trang quản lý kiosk, chọn “Thêm kiosk” và nhập mã này',
    en: 'Ward staff: open the kiosk management page, choose “Add kiosk” and enter this code',
  },
  pairCodeSpoken: { vi: 'Mã ghép nối: {code}', en: 'Pairing code: {code}' },
  pairExpires: { vi: 'Mã dùng được đến {time}; sau đó kiosk tự hiện mã mới.', en: 'The code works until {time}; then the kiosk shows a new one.' },
  pairRequesting: { vi: 'Đang lấy mã ghép nối từ máy chủ của phường…', en: 'Getting a pairing code from the ward’s hub…' },
  pairUnreachable: {
    vi: 'Chưa kết nối được máy chủ của phường. Kiosk sẽ tự thử lại; xin kiểm tra mạng.',
    en: 'The ward’s hub cannot be reached yet. The kiosk keeps trying; please check the network.',
  },
  pairBusy: { vi: 'Máy chủ của phường đang bận. Kiosk sẽ tự thử lại sau ít phút.', en: 'The ward’s hub is busy. The kiosk will try again in a few minutes.' },
  pairAlreadyEnrolled: {
    vi: 'Mã máy {id} đã được đăng ký trên máy chủ. Cán bộ phường: mở trang của máy này trong trang quản lý kiosk và chọn “Cho phép đăng ký lại”.',
    en: 'Kiosk id {id} is already enrolled on the hub. Ward staff: open this kiosk’s page in the kiosk management page and choose “Allow re-enrolment”.',
  },
  pairKioskId: { vi: 'Mã máy', en: 'Kiosk id' },
  pairKioskName: { vi: 'Tên máy', en: 'Kiosk name' },
  pairOtherWay: { vi: 'Cách khác: nhập mã đăng ký trên kiosk', en: 'Or: enter an enrolment code on the kiosk' },
  hubTitle: { vi: 'Máy chủ của phường', en: 'Ward hub' },
  hubConnected: { vi: 'Đã kết nối', en: 'Connected' },
  hubConnecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  hubNone: { vi: 'Kiosk chạy độc lập, không có máy chủ của phường.', en: 'This kiosk runs on its own, without a ward hub.' },
  hubEnrolled: { vi: 'Kiosk đã được đăng ký.', en: 'This kiosk is enrolled.' },
  maintenanceInstead: { vi: 'Xin mời ông/bà đến: {place}', en: 'Please go to: {place}' },
  trackOutdated: {
    vi: 'Kiosk đang không kết nối được máy chủ của phường, nên thông tin này có thể chưa được cập nhật.',
    en: 'The kiosk cannot reach the ward’s hub right now, so this may be out of date.',
  },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  ok: { vi: 'Đồng ý', en: 'OK' },
} as const satisfies Record<string, Entry>;

export type StringKey = keyof typeof strings;
