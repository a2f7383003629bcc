/**
 * Paying a fee by QR: the QR large, the amount, three plain steps in Vietnamese, the payee and
 * the transfer note — and whether the province says it is paid. The kiosk never marks it paid.
 */
import type { PaymentView } from '../../../common/payments/payment.ts';
import { useKiosk } from '../app/context.ts';
import { formatNumber } from '../i18n/index.ts';

export function PaymentPanel(props: { payment: PaymentView; printed?: boolean; showStatus?: boolean }) {
  const { t, lang } = useKiosk();
  const p = props.payment;
  const amount = `${formatNumber(lang, p.amountVnd)} đồng`;
  return (
    <section className="payment" aria-labelledby="h-pay" data-testid="payment" data-kind={p.kind} data-paid={p.paid}>
      <h2 id="h-pay">{t('payTitle')}</h2>
      {props.showStatus ? (
        <p className={`payment-status ${p.paid ? 'paid' : 'unpaid'}`} role="status" data-testid="payment-status" data-paid={p.paid}>
          <span aria-hidden="true">{p.paid ? '✓ ' : '! '}</span>
          {p.paid ? t('payPaid') : t('payUnpaid')}
        </p>
      ) : null}
      <div className="payment-body">
        {p.paid ? null : <img className="payment-qr" data-testid="payment-qr" src={p.qr} alt={t('payQrAlt', { amount })} width={360} height={360} />}
        <div className="payment-text">
          <p className="payment-amount">
            {t('payAmount')}: <strong data-testid="payment-amount">{amount}</strong>
          </p>
          {p.paid ? null : (
            <ol className="payment-steps" data-voice>
              {p.kind === 'vietqr' ? (
                <>
                  <li>{t('payStep1')}</li>
                  <li>{t('payStep2')}</li>
                  <li>{t('payStep3')}</li>
                </>
              ) : (
                <li>{t('payStepUrl')}</li>
              )}
            </ol>
          )}
          {p.payee ? (
            <dl className="payment-payee">
              <dt>{t('payPayee')}</dt>
              <dd>{p.payee.accountName}</dd>
              <dt>{t('payAccount')}</dt>
              <dd>{p.payee.account}</dd>
              <dt>{t('payPurpose')}</dt>
              <dd data-testid="payment-purpose">{p.purpose}</dd>
            </dl>
          ) : null}
        </div>
      </div>
      {props.printed ? <p className="payment-note">{t('payPrinted')}</p> : null}
      <p className="payment-note">{t('payNeverHere')}</p>
    </section>
  );
}
