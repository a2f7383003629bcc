/**
 * Check answers (GOV.UK): each answer with "Sửa", explicit consent, submit.
 */
import { useState } from 'react';
import { KioskError, type Submitted } from '../../../common/contract/kiosk-api.ts';
import type { Question, Service } from '../../../kiosk-config/catalogue.schema.ts';
import type { AddressAnswer, AnswerValue } from '../../../common/contract/answers.ts';
import { useKiosk } from '../app/context.ts';
import type { Problem } from '../form/validate.ts';
import { checkSections, displayAnswer, groupPageKey, pageKey, pruneAnswers, validateForm, type CheckRow } from '../../../common/forms/engine.ts';
import { loc, type Lang, type T } from '../i18n/index.ts';
import { PapersSummary } from '../papers/PapersSummary.tsx';
import { BackButton, Screen } from '../ui/Screen.tsx';
import { FeeSummary } from '../payments/FeeSummary.tsx';
import { DeliveryChoice } from '../payments/DeliveryChoice.tsx';
import type { Delivery } from '../../../common/payments/delivery.ts';

export function answerText(lang: Lang, t: T, q: Question, raw: AnswerValue | undefined): string {
  if (raw === undefined || Array.isArray(raw)) return t('noAnswer');
  return displayAnswer(q, raw, lang) || t('noAnswer');
}

/** The page a problem's path belongs to: `x` → q:x (or a group's own page), `g.1.x` → g:g:1:x. */
function problemPageKey(service: Service, path: string): string {
  const parts = path.split('.');
  if (parts.length === 3) return pageKey({ questionId: parts[2]!, group: { id: parts[0]!, index: Number(parts[1]) } });
  const item = service.questions.find((q) => q.id === path);
  return item?.type === 'group' ? groupPageKey(path) : pageKey({ questionId: path });
}

/** The residence address answer (a question filled from the card's place of residence), if any: picked (codes) or the card's text. */
function residenceFromCard(questions: readonly Question[], answers: Readonly<Record<string, AnswerValue>>): AddressAnswer | null {
  for (const q of questions) {
    const field = typeof q.autofill === 'string' ? q.autofill : q.autofill?.field;
    if (field !== 'placeOfResidence') continue;
    const v = answers[q.id];
    const a: AddressAnswer | null = typeof v === 'string' ? { line: '', text: v.trim() } : v && !Array.isArray(v) ? v : null;
    if (a && a.text.trim()) return a;
  }
  return null;
}

export function CheckAnswers(props: {
  service: Service;
  answers: Record<string, AnswerValue>;
  onBack: () => void;
  /** "Sửa": the page to open (it returns here after the change). */
  onChange: (pageKey: string) => void;
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
  const service = props.service;
  const sections = checkSections(service, props.answers);
  const problems = new Map<string, Problem>();
  for (const p of validateForm(service, props.answers)) if (!problems.has(problemPageKey(service, p.questionId))) problems.set(problemPageKey(service, p.questionId), p.message);
  const hasProblems = problems.size > 0;

  const submit = async () => {
    if (sending) return;
    if (hasProblems || !consent || !delivery) {
      setShowErrors(true);
      requestAnimationFrame(() => document.getElementById('error-summary')?.focus());
      return;
    }
    setSending(true);
    setServerIssues([]);
    const answers = pruneAnswers(service, props.answers);
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
      {sections.map((sec, si) => (
        <section key={sec.section?.id ?? si} className="check-section" data-testid={`check-section-${sec.section?.id ?? 'all'}`} aria-labelledby={`check-h-${si}`}>
          <h2 id={`check-h-${si}`} className="check-section-title">
            {sec.section ? loc(lang, sec.section.title) : t('checkSectionUntitled')}
          </h2>
          <dl className="summary">
            {sec.items.map((it) =>
              it.kind === 'row' ? (
                <Row key={it.row.pageKey} row={it.row} testId={it.row.ref.questionId} problem={showErrors ? problems.get(it.row.pageKey) : undefined} onChange={props.onChange} />
              ) : (
                <div key={it.group.pageKey} className={`summary-group ${showErrors && problems.get(it.group.pageKey) ? 'has-error' : ''}`} data-testid={`answer-${it.group.group.id}`}>
                  <div className="summary-group-head">
                    <h3>{loc(lang, it.group.group.label)}</h3>
                    <button type="button" className="btn btn-secondary btn-change" data-testid={`change-${it.group.group.id}`} onClick={() => props.onChange(it.group.pageKey)}>
                      {t('checkChangeGroup')}
                    </button>
                  </div>
                  {showErrors && problems.get(it.group.pageKey) ? <p className="field-error">{problems.get(it.group.pageKey)![lang]}</p> : null}
                  {it.group.instances.length === 0 ? <p className="hint">{t('checkGroupNone')}</p> : null}
                  {it.group.instances.map((inst) => (
                    <div key={inst.index} className="summary-instance" data-testid={`answer-${it.group.group.id}-${inst.index}`}>
                      <h4>{t('groupItem', { item: loc(lang, it.group.group.itemLabel), n: inst.index + 1 })}</h4>
                      {inst.rows.map((row) => (
                        <Row key={row.pageKey} row={row} testId={`${it.group.group.id}-${inst.index}-${row.ref.questionId}`} problem={showErrors ? problems.get(row.pageKey) : undefined} onChange={props.onChange} />
                      ))}
                    </div>
                  ))}
                </div>
              ),
            )}
          </dl>
        </section>
      ))}

      <PapersSummary serviceCode={props.service.code} onChange={() => props.onChangePapers?.()} />

      <FeeSummary service={props.service} answers={props.answers} />
      <DeliveryChoice value={delivery} onChange={setDelivery} fromCard={residenceFromCard(service.questions.filter((q): q is Question => q.type !== 'group'), props.answers)} />

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

function Row(props: { row: CheckRow; testId: string; problem: Problem | undefined; onChange: (pageKey: string) => void }) {
  const { t, lang } = useKiosk();
  const { row, problem: p } = props;
  return (
    <div className={`summary-row ${p ? 'has-error' : ''}`} data-testid={`answer-${props.testId}`}>
      <dt>{loc(lang, row.label)}</dt>
      <dd className="summary-value lv-private">
        {answerText(lang, t, row.question, row.value)}
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
        <button type="button" className="btn btn-secondary btn-change" data-testid={`change-${props.testId}`} aria-label={t('changeLabel', { label: loc(lang, row.label) })} onClick={() => props.onChange(row.pageKey)}>
          {t('change')}
        </button>
      </dd>
    </div>
  );
}
