/**
 * The forms and applications slice: the resident's draft answers (in their session only), the
 * papers they photograph (services/applications/papers.ts), submitting an application into the
 * outbox with its fee and payment QR, and tracking it (services/applications/agent.ts delivers
 * the outbox and asks the hub). The receipt is the receipts slice's. Layer: node.
 */
import { randomUUID } from 'node:crypto';
import { kioskError } from '../../common/contract/kiosk-api.ts';
import { pruneAnswers, validateForm } from '../../common/forms/engine.ts';
import { WRONG_SHAPE } from '../../common/validate/answers.ts';
import { computeFee } from '../../common/payments/fees.ts';
import { deliveryAnswers, deliveryText } from '../../common/payments/delivery.ts';
import { unitProblems } from '../../common/admin/check-units.ts';
import { ApplicationsAgent, type ApplicationsAgentOptions } from '../applications/agent.ts';
import { SessionPapers } from '../applications/papers.ts';
import { paymentView } from '../payments/payment.ts';
import { NoSessionError } from '../session.ts';
import type { ReceiptsSlice } from './receipts.ts';
import type { Handlers, KioskCore, Slice } from './slice.ts';

/** How long a submission waits for the hub and the province before the receipt prints (issue 14). */
const PROVINCE_WAIT_MS = 2500;

/** Time zone of every date the kiosk prints or codes. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** The Vietnam day of a time as the application code writes it: YYMMDD. */
export function vnDay(d: Date): string {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return `${String(v.getUTCFullYear()).slice(2)}${String(v.getUTCMonth() + 1).padStart(2, '0')}${String(v.getUTCDate()).padStart(2, '0')}`;
}

type FormsMethods =
  | 'form.saveAnswer'
  | 'form.draft'
  | 'application.submit'
  | 'application.track'
  | 'papers.list'
  | 'papers.add'
  | 'papers.remove'
  | 'papers.preview'
  | 'papers.camera';

export class FormsSlice implements Slice<FormsMethods> {
  /** Issue 14 part 4: the outbox's delivery and tracking. */
  readonly applications: ApplicationsAgent;
  /** Issue 13: the papers' pages, in the session only until submit. */
  readonly papers: SessionPapers;
  readonly handlers: Handlers<FormsMethods>;
  /** The session whose papers step has the camera (null: closed). */
  private paperCameraFor: string | null = null;

  constructor(
    private readonly core: KioskCore,
    receipts: ReceiptsSlice,
    options: ApplicationsAgentOptions,
  ) {
    const { sessions, store, log } = core;
    this.applications = new ApplicationsAgent({ store, log, now: () => core.now(), serviceName: (code) => core.catalogue().services.find((s) => s.code === code)?.name ?? null }, options);
    this.papers = new SessionPapers(sessions, log, () => core.config().devices.camera);
    const papers = this.papers;
    this.handlers = {
      'form.saveAnswer': ({ serviceCode, questionId, value }) => {
        const s = core.service(serviceCode);
        const item = s.questions.find((q) => q.id === questionId);
        if (!item) throw kioskError('E_NOT_FOUND');
        // A group is saved whole (its instances); any other question takes a string or an address.
        if ((item.type === 'group') !== Array.isArray(value)) throw kioskError('E_INVALID_PARAMS', [{ path: 'value', message: WRONG_SHAPE.vi, messageEn: WRONG_SHAPE.en }]);
        sessions.saveAnswer(serviceCode, questionId, value);
        return { saved: true as const };
      },
      'form.draft': ({ serviceCode }) => {
        core.service(serviceCode);
        return { answers: sessions.draft(serviceCode) };
      },
      'application.submit': async ({ serviceCode, answers, delivery }) => {
        if (!sessions.active) throw new NoSessionError();
        const s = core.service(serviceCode);
        if (s.questions.length === 0) throw kioskError('E_FORBIDDEN');
        // plus: address codes must name a current ward of their province (common/admin/check-units.ts; issue 16)
        const problems = [...validateForm(s, answers), ...unitProblems(answers, delivery?.method === 'post' ? delivery.address : undefined).map((u) => ({ questionId: u.path, message: u.message }))];
        if (problems.length) {
          throw kioskError(
            'E_INVALID_ANSWERS',
            problems.map((p) => ({ path: p.questionId, message: p.message.vi, messageEn: p.message.en })),
          );
        }
        // The papers' pages (E_PAPERS_MISSING when a required one has none) go into the outbox with the answers.
        const pages = papers.forSubmit(s);
        const now = core.now();
        const c = core.config();
        const item = store.enqueueApplication({
          pages,
          id: randomUUID(),
          day: vnDay(now),
          serviceCode,
          now: now.toISOString(),
          // the delivery choice travels as two answers the province hand-off reads (delivery, postalAddress)
          payload: { serviceCode, answers: { ...pruneAnswers(s, answers), ...deliveryAnswers(delivery) }, kioskId: c.kiosk.id, submittedAt: now.toISOString(), ...(pages.length ? { paperNames: papers.names(s) } : {}) },
          makeCode: (seq) => {
            if (seq > 999) throw kioskError('E_UNAVAILABLE');
            return `${c.ward.agencyCode}-${vnDay(now)}-${String(c.kiosk.number * 1000 + seq).padStart(4, '0')}`;
          },
        });
        log.info('application.queued', { serviceCode, pages: pages.length });
        this.applications.submitted();
        const fee = s.feeRule ? computeFee(s.feeRule, answers, now) : null;
        const payment = fee?.state === 'due' && fee.amountVnd ? await paymentView(fee.amountVnd, item.code, c.ward.payee, null, false) : null;
        // The best code there is when the receipt prints (issue 14): the province's number if already
        // assigned, else the kiosk's code with the words that the official number follows (or that the
        // application is kept while the province cannot be reached).
        const handOff = c.hub.url ? await this.applications.handOffState(item.code, PROVINCE_WAIT_MS, delivery?.method === 'post') : { state: 'inbox' as const, officialNumber: null, postage: null };
        const printed = await receipts.issue({ service: s, answers, code: item.code, submittedAt: now, handOff, fee, payment, delivery });
        return {
          code: item.code,
          submittedAt: item.createdAt,
          serviceCode,
          expectedResult: s.legalTime,
          nextSteps: printed.nextSteps,
          receipt: printed.receipt,
          trackingQr: printed.trackingQr,
          trackingPin: printed.trackingPin,
          handOff: handOff.state,
          officialNumber: handOff.officialNumber,
          ...(fee ? { fee: { state: fee.state, amountVnd: fee.amountVnd, counterVnd: fee.counterVnd, explanation: fee.explanation, law: fee.basis.law } } : {}),
          payment,
          delivery: deliveryText(delivery, handOff.postage ?? null, handOff.state === 'inbox' ? 'ward' : 'province'),
        };
      },
      // The hub's answer when it is reachable, else the kiosk's own record (services/applications/agent.ts).
      'application.track': ({ code, pin }) => this.applications.track(code, pin),
      'papers.list': ({ serviceCode }) => papers.list(core.service(serviceCode)),
      'papers.add': (params) => papers.add(core.service(params.serviceCode), params),
      'papers.remove': ({ pageId }) => papers.remove(pageId),
      'papers.preview': ({ pageId, size }) => papers.preview(pageId, size),
      'papers.camera': ({ open }) => {
        if (!open) {
          this.closePaperCamera();
          return { open: false };
        }
        if (!sessions.active) throw new NoSessionError();
        if (!core.config().devices.camera) throw kioskError('E_UNAVAILABLE');
        if (this.paperCameraFor !== sessions.state().id) {
          this.paperCameraFor = sessions.state().id;
          core.emit('papers.camera', { open: true });
        }
        return { open: true };
      },
    };
  }

  sessionEnded(): void {
    this.closePaperCamera();
  }

  async close(): Promise<void> {
    this.applications.close();
  }

  private closePaperCamera(): void {
    if (this.paperCameraFor === null) return;
    this.paperCameraFor = null;
    this.core.emit('papers.camera', { open: false });
  }
}
