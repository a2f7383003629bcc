/**
 * Check answers (GOV.UK): each answer with "Sửa", explicit consent, submit.
 */
import { useState } from 'react';
import { KioskError, type Submitted } from '../../../common/contract/kiosk-api.ts';
import type { Question, Service } from '../../../kiosk-config/catalogue.schema.ts';
import type { AnswerValue } from '../../../common/contract/answers.ts';
import { useKiosk } from '../app/context.ts';
import { NO, validateAll, YES } from '../form/validate.ts';
import { loc, type Lang, type T } from '../i18n/index.ts';
import { PapersSummary } from '../papers/PapersSummary.tsx';
import { BackButton, Screen } from '../ui/Screen.tsx';
import { FeeSummary } from '../payments/FeeSummary.tsx';
import { DeliveryChoice } from '../payments/DeliveryChoice.tsx';
import type { Delivery } from '../../../common/payments/delivery.ts';

export function answerText(lang: Lang, t: T, q: Question, raw: AnswerValue | undefined): string {
  const value = typeof raw === 'string' ? raw : '';
  if (!value) return t('noAnswer');
  if (q.type === 'yesNo') return value === YES ? t('yes') : value === NO ? t('no') : value;
  if (q.type === 'choice') {
    const o = q.options?.find((x) => x.value === value);
    return o ? loc(lang, o.label) : value;
  }
  return value;
}

/** The residence address answer (a question filled from the card's place of residence), if any. */
function residenceFromCard(questions: readonly Question[], answers: Readonly<Record<string, AnswerValue>>): string | null {
  for (const q of questions) {
    const field = typeof q.autofill === 'string' ? q.autofill : q.autofill?.field;
    if (field !== 'placeOfResidence') continue;
    const v = answers[q.id];
    const text = typeof v === 'string' ? v : v && !Array.isArray(v) ? v.text : '';
    if (text.trim()) return text.trim();
  }
  return null;
}

export function CheckAnswers(props: {
  service: Service;
  answers: Record<string, AnswerValue>;
  onBack: () => void;
  onChange: (index: number) => void;
  /** The papers section's "Sửa" (renderer/src/papers/). */
  onChangePapers?: () => void;
  onSubmitted: (s: Submitted) => void;
}) {
  const k = useKiosk();
  const { t, lang } = k;
  const [consent, setConsent] = useState(false);
  const [delivery, setDelivery] = useState<Delivery | null>({ method: 'desk' });
  const [showErrors, setShowErrors] = useState(false);
  const [serverIssues, setServerIssues] = useState<{ vi: string; en: string }[]>([]);
  const [sending, setSending] = useState(false);
  const questions = props.service.questions.filter((x): x is Question => x.type !== 'group');
  const flatAnswers = Object.fromEntries(Object.entries(props.answers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const problems = validateAll(questions, flatAnswers);
  const hasProblems = Object.keys(problems).length > 0;

  const submit = async () => {
    if (sending) return;
    if (hasProblems || !consent || !delivery) {
      setShowErrors(true);
      requestAnimationFrame(() => document.getElementById('error-summary')?.focus());
      return;
    }
    setSending(true);
    setServerIssues([]);
    const answers: Record<string, AnswerValue> = {};
    for (const q of questions) {
      const v = props.answers[q.id];
      if (v) answers[q.id] = v;
    }
    try {
      const submitted = await k.client.call('application.submit', { serviceCode: props.service.code, answers, consent: true, delivery: delivery ?? { method: 'desk' } });
      props.onSubmitted(submitted);
    } catch (e) {
      setSending(false);
      if (e instanceof KioskError && e.issues?.length) setServerIssues(e.issues.map((i) => ({ vi: i.message, en: i.messageEn })));
      k.reportError(e);
    }
  };

  const summaryItems: string[] = [];
  if (showErrors && hasProblems) summaryItems.push(t('answersInvalid'));
  if (showErrors && !consent) summaryItems.push(t('consentRequired'));
  if (showErrors && !delivery) summaryItems.push(t('deliveryIncomplete'));
  for (const i of serverIssues) summaryItems.push(i[lang]);

  return (
    <Screen
      name="check"
      report={`check:${props.service.code}`}
      above={
        <>
          <BackButton onClick={props.onBack} label={t('back')} />
          {summaryItems.length > 0 ? (
            <div className="error-summary" id="error-summary" tabIndex={-1} role="alert" data-testid="error-summary">
              <h2>{t('errorSummaryTitle')}</h2>
              <ul>
                {summaryItems.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      }
      title={t('checkTitle')}
      lead={t('checkLead')}
    >
      <p className="service-name-small">{loc(lang, props.service.name)}</p>
      <dl className="summary">
        {questions.map((q, i) => {
          const p = showErrors ? problems[q.id] : undefined;
          return (
            <div key={q.id} className={`summary-row ${p ? 'has-error' : ''}`} data-testid={`answer-${q.id}`}>
              <dt>{loc(lang, q.label)}</dt>
              <dd className="summary-value lv-private">
                {answerText(lang, t, q, props.answers[q.id])}
                {p ? (
                  <span className="field-error">
                    <span className="field-error-mark" aria-hidden="true">
                      !
                    </span>
                    <span className="sr-only">{t('errorPrefix')} </span>
                    {p[lang]}
                  </span>
                ) : null}
              </dd>
              <dd className="summary-action">
                <button type="button" className="btn btn-secondary btn-change" data-testid={`change-${q.id}`} aria-label={t('changeLabel', { label: loc(lang, q.label) })} onClick={() => props.onChange(i)}>
                  {t('change')}
                </button>
              </dd>
            </div>
          );
        })}
      </dl>

      <PapersSummary serviceCode={props.service.code} onChange={() => props.onChangePapers?.()} />

      <FeeSummary service={props.service} answers={props.answers} />
      <DeliveryChoice value={delivery} onChange={setDelivery} fromCard={residenceFromCard(questions, props.answers)} />

      {showErrors && !consent ? (
        <p className="field-error" id="consent-error">
          <span className="field-error-mark" aria-hidden="true">
            !
          </span>
          <span className="sr-only">{t('errorPrefix')} </span>
          {t('consentRequired')}
        </p>
      ) : null}
      <button
        type="button"
        role="checkbox"
        aria-describedby={showErrors && !consent ? 'consent-error' : undefined}
        aria-checked={consent}
        className={`consent ${showErrors && !consent ? 'has-error' : ''}`}
        data-testid="consent"
        onClick={() => setConsent((c) => !c)}
      >
        <span className="consent-box" aria-hidden="true">
          {consent ? '✓' : ''}
        </span>
        <span>{t('consent')}</span>
      </button>

      <button type="button" className="btn btn-primary btn-xl" data-testid="submit" onClick={submit} disabled={sending} aria-busy={sending}>
        {sending ? t('submitting') : t('submit')} <span aria-hidden="true">→</span>
      </button>
    </Screen>
  );
}
