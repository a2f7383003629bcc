/**
 * The fee of this application, computed from the answers (common/payments/fees.ts),
 * for the check-answers page; the same engine runs again in the services at submission.
 */
import { computeFee } from '../../../common/payments/fees.ts';
import type { Service } from '../../../kiosk-config/catalogue.schema.ts';
import { useKiosk } from '../app/context.ts';
import { formatNumber, loc } from '../i18n/index.ts';

export function FeeSummary(props: { service: Service; answers: Readonly<Record<string, unknown>> }) {
  const { t, lang } = useKiosk();
  const rule = props.service.feeRule;
  if (!rule) return null;
  const fee = computeFee(rule, props.answers);
  const money = (n: number) => `${formatNumber(lang, n)} đồng`;
  const headline = fee.state === 'free' ? t('feeFree') : fee.state === 'due' ? money(fee.amountVnd!) : fee.state === 'province' ? t('feeProvince') : t('feeUnknown');
  return (
    <section className="fee-summary" aria-labelledby="h-fee" data-testid="fee-summary" data-state={fee.state} data-amount={fee.amountVnd ?? ''}>
      <h2 id="h-fee">{t('feeTitle')}</h2>
      <p className="fee-amount" data-voice>
        {headline}
        {fee.counterVnd !== null ? <span className="fee-counter"> — {t('feeCounterWas', { amount: money(fee.counterVnd) })}</span> : null}
      </p>
      <p className="fee-explanation">{loc(lang, fee.explanation)}</p>
      <p className="fee-law">{t('feeLaw', { law: loc(lang, fee.basis.law) })}</p>
    </section>
  );
}
