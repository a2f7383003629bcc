/**
 * The receipts slice: the printed receipt of an application (its lines, next steps, the tracking
 * QR with the application's PIN) and its state. It owns the printer's adapter and queue
 * (services/devices/receipt-printer.ts); a receipt not printed when its resident leaves is
 * deleted, never printed for the next one. Layer: node.
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import type { HandOffState } from '../../common/contract/kiosk-api.ts';
import type { PaymentView } from '../../common/payments/payment.ts';
import { answerText, type Answers } from '../../common/contract/answers.ts';
import { decidingAgency } from '../../common/forms/agency.ts';
import type { FeeResult } from '../../common/payments/fees.ts';
import { deliveryText, type Delivery } from '../../common/payments/delivery.ts';
import { HAND_OFF_NOTE } from '../../common/province/receipt-words.ts';
import { trackingPin } from '../../common/tracking-pin.ts';
import { REQUESTER, type Question, type Service } from '../../kiosk-config/catalogue.schema.ts';
import type { KioskConfig } from '../../kiosk-config/config.schema.ts';
import { ReceiptService } from '../devices/receipt-printer.ts';
import { storedSecret } from '../fleet/enrol.ts';
import type { Handlers, KioskCore, Slice } from './slice.ts';

type Localized = { vi: string; en: string };

/** What the receipt of one application is made of (application.submit, services/slices/forms.ts). */
export interface ApplicationReceipt {
  service: Service;
  answers: Answers;
  code: string;
  submittedAt: Date;
  handOff: { state: HandOffState; officialNumber: string | null; postage?: number | null };
  fee: FeeResult | null;
  payment: PaymentView | null;
  delivery: Delivery | undefined;
}

export class ReceiptsSlice implements Slice<'receipt.state'> {
  readonly printer: ReceiptService;
  readonly handlers: Handlers<'receipt.state'>;

  constructor(
    private readonly core: KioskCore,
    receiptsDir: string | null,
  ) {
    const { store, log } = core;
    this.printer = new ReceiptService(
      core.config().devices.printer,
      store.db,
      (e) => {
        if (e.state === 'printed') store.increment('receipts:printed');
        core.emit('receipt.status', e);
      },
      () => core.fleet.deviceChanged(),
      log,
      receiptsDir,
      () => store.scrub(),
    );
    this.handlers = { 'receipt.state': ({ code }) => this.printer.stateOf(code) };
  }

  /** Print the receipt of a submitted application (or queue it) and give what the confirmation screen shows. */
  async issue(a: ApplicationReceipt): Promise<{ receipt: ReturnType<ReceiptService['print']>; trackingQr: string; trackingPin: string | null; nextSteps: Localized[] }> {
    const c = this.core.config();
    const s = a.service;
    const steps = nextSteps(s, c);
    // The receipt's QR opens the hub's tracking page with the application's PIN (issue 17): the
    // PIN is derived from this kiosk's device secret, so nobody can walk other residents' codes.
    const hubSecret = c.hub.url ? storedSecret(this.core.store, c.hub.url) : null;
    const pin = hubSecret ? await trackingPin(createHash('sha256').update(hubSecret).digest('hex'), a.code) : null;
    const trackingText = c.hub.url ? `${c.hub.url.replace(/\/$/, '')}/track/${a.code}${pin ? `?pin=${pin}` : ''}` : a.code;
    const { fee, payment } = a;
    const receipt = this.printer.print(
      {
        ward: { name: c.ward.name.vi, address: c.ward.address.vi, hotline: c.ward.hotline },
        serviceName: s.name.vi,
        applicantName: applicantName(s, a.answers),
        applicationCode: a.code,
        officialNumber: a.handOff.officialNumber,
        codeNote: HAND_OFF_NOTE[a.handOff.state]?.vi ?? null,
        trackingQr: trackingText,
        trackingPin: pin,
        submittedAt: a.submittedAt,
        documentsToBring: s.documents.filter((d) => d.required && !FORM_FILLED_HERE.test(d.text.vi)).map((d) => d.text.vi),
        agency: decidingAgency(s.agency, c.ward.name).vi,
        fee: fee ? (fee.state === 'free' || fee.state === 'due' ? (fee.amountVnd ?? 0) : fee.explanation.vi) : (s.fee.online.amountVnd ?? s.fee.online.note?.vi ?? 'Theo quy định'),
        expectedResultDate: s.legalTime.vi,
        nextSteps: steps.map((x) => x.vi),
        delivery: deliveryText(a.delivery, a.handOff.postage ?? null, a.handOff.state === 'inbox' ? 'ward' : 'province').vi,
        payment: payment ? { amountVnd: payment.amountVnd, qrPayload: payment.payload, payeeName: payment.payee?.accountName ?? null, purpose: payment.purpose } : null,
      },
      this.core.sessions.state().id,
    );
    const svg = await QRCode.toString(trackingText, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { receipt, trackingQr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, trackingPin: pin, nextSteps: steps };
  }

  async start(): Promise<void> {
    try {
      await this.printer.start();
    } catch (e) {
      this.core.log.error('printer.start-failed', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Their receipt not printed yet (printer out of paper): deleted, never printed for the next resident. */
  sessionEnded(id: string): void {
    this.printer.expire(id);
  }

  async close(): Promise<void> {
    await this.printer.stop();
  }
}

/** The applicant's name as the form asked it (the question filled from the ID card's name). */
function applicantName(s: Service, answers: Answers): string {
  const top = s.questions.filter((x): x is Question => x.type !== 'group');
  const q = top.find((x) => x.autofill === 'fullName' || (typeof x.autofill === 'object' && x.autofill.person === REQUESTER && x.autofill.field === 'fullName')) ?? top.find((x) => x.type === 'text');
  return (q && answerText(answers[q.id]).trim()) || '—';
}

/** The catalogue's line for the declaration the kiosk fills ("— máy này sẽ giúp ông/bà điền"). */
const FORM_FILLED_HERE = /máy này sẽ giúp/u;

function nextSteps(s: Service, c: KioskConfig): Localized[] {
  const bare = (t: string) => t.trim().replace(/[.;]+$/, '');
  const agency = decidingAgency(s.agency, c.ward.name);
  const steps = [
    { vi: 'Xin giữ mã hồ sơ này để tra cứu tình trạng hồ sơ tại kiosk.', en: 'Keep this application code to track the application at the kiosk.' },
    { vi: `Hồ sơ do ${agency.vi} xem xét và giải quyết. Thời hạn giải quyết: ${bare(s.legalTime.vi)}.`, en: `The application is decided by ${agency.en}. Processing time: ${bare(s.legalTime.en)}.` },
  ];
  // The declaration itself was filled at the kiosk: never asked for again.
  const required = s.documents.filter((d) => d.required && !FORM_FILLED_HERE.test(d.text.vi));
  const papers = s.papers.filter((p) => p.required);
  if (papers.length) {
    steps.push({
      vi: `Khi nhận kết quả, xin mang theo thẻ căn cước và bản chính các giấy tờ đã chụp (${papers.map((p) => bare(p.name.vi)).join('; ')}) để cán bộ đối chiếu.`,
      en: `When you collect the result, please bring your ID card and the originals of the papers you photographed (${papers.map((p) => bare(p.name.en)).join('; ')}) for staff to compare.`,
    });
  } else if (required.length) {
    steps.push({
      vi: `Khi nhận kết quả, xin mang theo: ${required.map((d) => bare(d.text.vi)).join('; ')}.`,
      en: `When you collect the result, please bring: ${required.map((d) => bare(d.text.en)).join('; ')}.`,
    });
  }
  steps.push({ vi: `Cần giúp đỡ, xin gọi ${c.ward.hotline} (${c.ward.counterHours.vi}).`, en: `For help, call ${c.ward.hotline} (${c.ward.counterHours.en}).` });
  return steps;
}
