/**
 * The province's side of an application on the kiosk (issue 14): the official dossier number as
 * soon as it exists, the national status in plain Vietnamese, the official timeline, a supplement
 * request with what to bring (code 5), a fee request (code 6: amount and payee — the payment screen
 * renders the QR from the same data), the result when it is ready. And, on the confirmation
 * screen, what the receipt says about the hand-off.
 * Layer: renderer.
 */
import { NATIONAL_STATUS, type NationalCode } from '../../../common/province/national-status.ts';
import { HAND_OFF_NOTE } from '../../../common/province/receipt-words.ts';
import { postagePendingText, postageText } from '../../../common/payments/delivery.ts';
import type { HandOffState, OfficialTrack } from '../../../common/contract/kiosk-api.ts';
import type { Lang } from '../i18n/index.ts';

const TEXT = {
  vi: {
    heading: 'Tình trạng tại bộ phận một cửa',
    number: 'Số hồ sơ chính thức',
    noNumber: 'Chưa cấp — số chính thức sẽ có khi cán bộ một cửa tiếp nhận hồ sơ.',
    kioskRef: 'Mã kiosk',
    queued: 'Hồ sơ đang được lưu giữ và sẽ được gửi đến bộ phận một cửa ngay khi kết nối lại.',
    status: 'Trạng thái',
    timeline: 'Các bước đã thực hiện',
    bring: 'Xin mang các giấy tờ sau đến bộ phận một cửa:',
    fee: 'Số tiền cần nộp',
    payee: 'Tài khoản nhận',
    paid: 'Đã nộp phí. Xin cảm ơn.',
    resultReady: 'Kết quả đã sẵn sàng.',
    dong: 'đồng',
  },
  en: {
    heading: 'At the one-stop desk',
    number: 'Official dossier number',
    noNumber: 'Not yet — the official number comes when the one-stop desk receives the application.',
    kioskRef: 'Kiosk code',
    queued: 'The application is kept and will be sent to the one-stop desk as soon as it can be reached.',
    status: 'Status',
    timeline: 'Steps so far',
    bring: 'Please bring these papers to the one-stop desk:',
    fee: 'Amount to pay',
    payee: 'Paid to',
    paid: 'The fee is paid. Thank you.',
    resultReady: 'The result is ready.',
    dong: 'VND',
  },
} as const;

function when(lang: Lang, ms: number): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(ms));
}
const money = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export function OfficialStatus(props: { official: OfficialTrack; lang: Lang }) {
  const { official: o, lang } = props;
  const t = TEXT[lang === 'vi' ? 'vi' : 'en'];
  const st = o.code ? NATIONAL_STATUS[o.code as NationalCode] : null;
  return (
    <section className="official" aria-labelledby="h-official" data-testid="official">
      <h2 id="h-official">{t.heading}</h2>
      <p className="official-number">
        {t.number}:{' '}
        {o.dossierNo ? (
          <strong data-testid="official-number">{o.dossierNo}</strong>
        ) : (
          <span data-testid="official-number-pending">{t.noNumber}</span>
        )}
      </p>
      <p className="official-ref">
        {t.kioskRef}: <span data-testid="official-kiosk-ref">{o.kioskRef}</span>
      </p>
      {o.state === 'queued' ? (
        <p className="callout" role="status" data-testid="official-queued">
          {t.queued}
        </p>
      ) : null}
      {st ? (
        <div className="official-status" data-testid="official-status" data-code={o.code}>
          <p>
            {t.status}: <strong>{lang === 'vi' ? st.vi : st.en}</strong>
          </p>
          <p>{lang === 'vi' ? st.explainVi : st.explainEn}</p>
        </div>
      ) : null}
      {o.supplement ? (
        <div className="callout official-supplement" role="status" data-testid="official-supplement">
          <p>
            <span aria-hidden="true">! </span>
            {t.bring}
          </p>
          <p className="official-bring">{o.supplement.note}</p>
        </div>
      ) : null}
      {o.payment ? (
        <div className="callout official-payment" data-testid="official-payment" data-amount={o.payment.amount}>
          {o.payment.paid ? (
            <p>{t.paid}</p>
          ) : (
            <>
              <p>
                {t.fee}: <strong>{money(o.payment.amount)} {t.dong}</strong>
              </p>
              <p>
                {t.payee}: {o.payment.accountName} · {o.payment.accountNo}
              </p>
            </>
          )}
        </div>
      ) : null}
      {o.postage !== undefined ? (
        <p className="callout official-postage" data-testid="official-postage" data-amount={o.postage}>
          {postageText(o.postage)[lang === 'vi' ? 'vi' : 'en']}
        </p>
      ) : o.viaPostal ? (
        <p className="callout official-postage" data-testid="official-postage-pending">
          {postagePendingText('province')[lang === 'vi' ? 'vi' : 'en']}
        </p>
      ) : null}
      {o.resultReady ? (
        <p className="callout official-result" role="status" data-testid="official-result">
          ✓ {t.resultReady}
        </p>
      ) : null}
      {o.timeline.length ? (
        <>
          <h3>{t.timeline}</h3>
          <ol className="official-timeline" data-testid="official-timeline">
            {o.timeline.map((e, i) => (
              <li key={i} data-code={e.code}>
                <span className="official-when">{when(lang, e.at)}</span> — <span>{e.action || NATIONAL_STATUS[e.code as NationalCode].vi}</span>
                {e.note ? <span className="official-note">: {e.note}</span> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** The confirmation screen's line about the hand-off (the same words as the receipt). */
export function HandOffNote(props: { state: HandOffState | undefined; officialNumber: string | null | undefined; lang: Lang }) {
  if (!props.state) return null;
  const words = HAND_OFF_NOTE[props.state];
  if (!words) return null;
  return (
    <p className="callout handoff-note" role="status" data-testid="handoff-note" data-state={props.state}>
      {props.officialNumber ? (
        <>
          <strong data-testid="handoff-number">{props.officialNumber}</strong> —{' '}
        </>
      ) : null}
      {props.lang === 'vi' ? words.vi : words.en}
    </p>
  );
}
