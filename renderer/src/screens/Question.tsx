/**
 * The guided form: one question per page (GOV.UK question page): back, the
 * question as the heading, a hint, the answer, inline error, "Tiếp tục".
 */
import { Fragment, useState, type FormEvent } from 'react';
import { REQUESTER, type FormItem, type Person, type Question as Q } from '../../../kiosk-config/catalogue.schema.ts';
import type { AddressAnswer, AnswerValue, ScalarAnswer } from '../../../common/contract/answers.ts';
import { COPIES_DEFAULT, optionsOf, validateAnswer as checkAnswer } from '../../../common/validate/answers.ts';
import { autofillTarget } from '../../../common/forms/autofill.ts';
import { AddressInput } from '../form/AddressInput.tsx';
import { CopiesStepper } from '../form/CopiesStepper.tsx';
import { ListPicker } from '../form/ListPicker.tsx';
import { useKiosk } from '../app/context.ts';
import { DEFAULT_MAX, NO, YES, validateAnswer } from '../form/validate.ts';
import { loc, type StringKey } from '../i18n/index.ts';
import { isNameQuestion } from '../keyboard/entry.ts';
import { keyboardFor } from '../keyboard/index.ts';
import { NumericKeypad } from '../keyboard/NumericKeypad.tsx';
import { TextKeyboard } from '../keyboard/TextKeyboard.tsx';
import type { Problem } from '../form/validate.ts';
import { BackButton, Screen } from '../ui/Screen.tsx';
import { IdCardReader } from '../idcard/IdCardReader.tsx';

/** Long lists: a search field and the matches (ListPicker). */
const LONG_LISTS = new Set<Q['type']>(['ethnicity', 'nationality', 'select']);

const TYPE_HINT: Partial<Record<Q['type'], StringKey>> = { date: 'dateHint', idNumber: 'idNumberHint', phone: 'phoneHint' };

function maxLengthOf(q: Q): number {
  if (q.type === 'idNumber') return 12;
  if (q.type === 'phone') return 10;
  if (q.type === 'date') return 10;
  if (q.type === 'text' || q.type === 'longText') return q.maxLength ?? DEFAULT_MAX[q.type];
  return q.maxLength ?? 20;
}

export function QuestionPage(props: {
  serviceCode: string;
  question: Q;
  index: number;
  total: number;
  initial: ScalarAnswer | undefined;
  onBack: () => void;
  /** The answer, validated and normalised: the parent saves it in the session and moves on (it throws to stay). */
  onSubmit: (value: ScalarAnswer) => Promise<void>;
  /** All the form's questions (the ID card fills every one it can). */
  questions?: readonly FormItem[];
  /** Answers filled from the ID card (already saved in the session). */
  onAutofill?: (answers: Record<string, AnswerValue>) => void;
  /** Above the question inside a repeating group: "Thành viên 2". */
  prefix?: string;
  /** The people of the form (whose card a question reads: "Đọc thẻ căn cước của người mẹ"). */
  people?: readonly Person[];
}) {
  const k = useKiosk();
  const { t, lang } = k;
  const q = props.question;
  const [value, setValue] = useState(typeof props.initial === 'string' ? props.initial : '');
  const [address, setAddress] = useState<AddressAnswer | undefined>(typeof props.initial === 'object' ? props.initial : undefined);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const [reading, setReading] = useState(false);
  const [filled, setFilled] = useState<number | null>(null);
  const inputId = `q-${q.id}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const kb = keyboardFor(q.type);
  const max = maxLengthOf(q);
  const typeHint = TYPE_HINT[q.type];
  const autoCap = q.type === 'text' && isNameQuestion(q);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (saving) return;
    let answer: ScalarAnswer;
    if (q.type === 'address') {
      const a = address ? { ...address, text: address.text.trim().normalize('NFC'), line: address.line.trim().normalize('NFC') } : { line: '', text: '' };
      const p = checkAnswer(q, a);
      if (p) {
        setProblem(p);
        document.getElementById('error-summary')?.focus();
        return;
      }
      answer = a;
    } else {
      const r = validateAnswer(q, value);
      if (!r.ok) {
        setProblem(r.problem);
        document.getElementById('error-summary')?.focus();
        return;
      }
      answer = r.value;
    }
    setProblem(null);
    setSaving(true);
    try {
      await props.onSubmit(answer);
    } catch (err) {
      setSaving(false);
      k.reportError(err);
    }
  };

  /** The services applied the card (`idcard.apply`) and saved these answers: show this question's at once. */
  const fillFromCard = (answers: Record<string, AnswerValue>) => {
    const mine = answers[q.id];
    if (typeof mine === 'string') setValue(mine);
    else if (mine && !Array.isArray(mine)) setAddress(mine);
    setFilled(Object.keys(answers).length);
    props.onAutofill?.(answers);
  };

  const choose = (v: string) => {
    setValue(v);
    setProblem(null);
  };

  const options: { value: string; label: string }[] =
    q.type === 'yesNo'
      ? [
          { value: YES, label: t('yes') },
          { value: NO, label: t('no') },
        ]
      : (optionsOf(q) ?? []).map((o) => ({ value: o.value, label: loc(lang, o.label) }));
  const widget = LONG_LISTS.has(q.type) ? 'list' : q.type === 'copies' ? 'copies' : q.type === 'address' ? 'address' : kb;
  const person = q.autofill ? autofillTarget(q.autofill).person : null;
  const personName = person && person !== REQUESTER ? props.people?.find((p) => p.id === person)?.name : undefined;

  // The question's own hint says it best; the generic one for its type only when it has none.
  const hintLines = [q.hint ? loc(lang, q.hint) : typeHint ? t(typeHint) : null, autoCap ? t('nameAutoCap') : null].filter((x): x is string => !!x);
  const describedBy = [hintLines.length ? hintId : null, problem ? errorId : null].filter(Boolean).join(' ') || undefined;
  const errorText = problem ? problem[lang] : '';

  const nextButton = (
    <button type="submit" className="btn btn-primary btn-xl" data-testid="question-next" disabled={saving} aria-busy={saving}>
      {saving ? t('saving') : t('next')} <span aria-hidden="true">→</span>
    </button>
  );

  return (
    <Screen
      name="question"
      report={`form:${props.serviceCode}`}
      above={
        <>
          <BackButton onClick={props.onBack} label={t('back')} />
          <p className="step" data-testid="step">
            {t('step', { n: props.index + 1, total: props.total })}
          </p>
          {props.prefix ? (
            <p className="group-prefix" data-testid="group-prefix">
              {props.prefix}
            </p>
          ) : null}
          {problem ? (
            <div className="error-summary" id="error-summary" tabIndex={-1} role="alert" data-testid="error-summary">
              <h2>{t('errorSummaryTitle')}</h2>
              <p>{errorText}</p>
            </div>
          ) : null}
        </>
      }
      title={
        widget === 'none' || widget === 'list' || widget === 'copies' || widget === 'address' ? (
          <span id={`${inputId}-label`}>
            {loc(lang, q.label)}
            {!q.required ? <span className="optional"> {t('optional')}</span> : null}
          </span>
        ) : (
          <label htmlFor={inputId} id={`${inputId}-label`}>
            {loc(lang, q.label)}
            {!q.required ? <span className="optional"> {t('optional')}</span> : null}
          </label>
        )
      }
    >
      {q.autofill && props.questions ? (
        <div className="idcard-offer">
          <button type="button" className="btn btn-secondary btn-xl" data-testid="idcard-start" onClick={() => setReading(true)}>
            {personName ? t('idcardStartFor', { who: loc(lang, personName) }) : t('idcardStart')}
          </button>
          {filled !== null ? (
            <p className="notice" role="status" data-testid="idcard-filled">
              {t('idcardFilled', { n: filled })}
            </p>
          ) : null}
        </div>
      ) : null}
      {reading && props.questions ? <IdCardReader serviceCode={props.serviceCode} person={person ?? REQUESTER} onFill={fillFromCard} onClose={() => setReading(false)} /> : null}
      <form className={`question-form ${problem ? 'has-error' : ''}`} onSubmit={submit} noValidate>
        {hintLines.length ? (
          <p className="hint" id={hintId} data-voice>
            {hintLines.map((line, i) => (
              <Fragment key={i}>
                {i > 0 ? <br /> : null}
                {line}
              </Fragment>
            ))}
          </p>
        ) : null}
        {problem ? (
          <p className="field-error" id={errorId} data-testid="question-error">
            <span className="field-error-mark" aria-hidden="true">
              !
            </span>
            <span className="sr-only">{t('errorPrefix')} </span>
            {errorText}
          </p>
        ) : null}

        {widget === 'list' ? (
          <ListPicker id={inputId} options={optionsOf(q) ?? []} value={value} onChange={choose} labelledBy={`${inputId}-label`} describedBy={describedBy} />
        ) : widget === 'copies' ? (
          <CopiesStepper id={inputId} value={value} min={q.min ?? COPIES_DEFAULT.min} max={q.max ?? COPIES_DEFAULT.max} onChange={choose} describedBy={describedBy} />
        ) : widget === 'address' ? (
          <AddressInput id={inputId} value={address} onChange={(a) => setAddress(a)} maxLength={q.maxLength ?? 400} describedBy={describedBy} invalid={problem !== null} />
        ) : kb === 'none' ? (
          <div className="choices" role="radiogroup" aria-labelledby={`${inputId}-label`} aria-describedby={describedBy} data-testid="question-input">
            {options.map((o) => (
              <button
                key={o.value}
                type="button"
                role="radio"
                aria-checked={value === o.value}
                className="choice"
                data-testid={`choice-${o.value}`}
                onClick={() => choose(o.value)}
              >
                <span className="choice-dot" aria-hidden="true">
                  {value === o.value ? '●' : ''}
                </span>
                <span>{o.label}</span>
                {value === o.value ? <span className="choice-selected">{t('selected')}</span> : null}
              </button>
            ))}
          </div>
        ) : kb === 'text' ? (
          <div className="input-row with-next">
            {q.type === 'longText' ? (
              <textarea
                id={inputId}
                className="input input-long"
                data-testid="question-input"
                value={value}
                rows={3}
                maxLength={max}
                inputMode="none"
                aria-invalid={problem ? true : undefined}
                aria-describedby={describedBy}
                onChange={(e) => setValue(e.target.value)}
              />
            ) : (
              <input
                id={inputId}
                className={`input input-${q.type}`}
                data-testid="question-input"
                type="text"
                value={value}
                maxLength={max}
                inputMode="none"
                autoComplete="off"
                autoCorrect="off"
                spellCheck={false}
                aria-invalid={problem ? true : undefined}
                aria-describedby={describedBy}
                onChange={(e) => setValue(e.target.value)}
              />
            )}
            {nextButton}
          </div>
        ) : (
          <div className="input-row with-keypad">
            <input
              id={inputId}
              className={`input input-${q.type}`}
              data-testid="question-input"
              type="text"
              value={value}
              maxLength={max + 4}
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              aria-invalid={problem ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => setValue(e.target.value)}
            />
            <NumericKeypad kind={kb} value={value} maxLength={max} onChange={setValue} t={t} controls={inputId} />
          </div>
        )}

        {kb === 'text' && widget === kb ? null : nextButton}
        {kb === 'text' && widget === kb ? <TextKeyboard value={value} onChange={setValue} autoCapitalize={autoCap} maxLength={max} controls={inputId} /> : null}
      </form>
    </Screen>
  );
}
