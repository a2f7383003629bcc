/**
 * Reading the resident's ID card to fill the form: consent first, then
 * guidance to show the card's QR to the reader — or, on a kiosk with a camera,
 * a live preview with a card-shaped frame (CameraStep) — then every field shown
 * for confirmation and correction (dates dd/mm/yyyy, as the contract writes
 * them), then one `idcard.apply`: the services fill the form from the reading
 * they hold. The reading lives only in the session (the services wipe it with
 * the session and once applied; this dialog forgets it on close).
 */
import { useEffect, useRef, useState } from 'react';
import type { IdCardReading } from '../../../common/contract/kiosk-api.ts';
import type { AnswerValue } from '../../../common/contract/answers.ts';
import { fieldsToReview, type ReviewReason } from '../../../common/idcard/review.ts';
import { useKiosk } from '../app/context.ts';
import type { StringKey } from '../i18n/index.ts';
import { TextKeyboard } from '../keyboard/TextKeyboard.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { CameraStep, type CameraError } from './CameraStep.tsx';

/** Why a field is marked for checking → what the resident reads under it. */
const CHECK_TEXT: Record<ReviewReason, StringKey> = { unsure: 'idcardCheckUnsure', disputed: 'idcardCheckDisputed', derived: 'idcardCheckDerived' };

/** The card fields shown for confirmation, in reading order. */
const SHOWN_FIELDS = ['fullName', 'fullNameAscii', 'idNumber', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin', 'placeOfResidence', 'issueDate', 'dateOfExpiry', 'oldIdNumber'] as const;

type Scanner = 'connected' | 'missing' | 'none';
type Step = { name: 'consent' } | { name: 'waiting'; scanner: Scanner } | { name: 'camera'; scanner: Scanner } | { name: 'confirm'; reading: IdCardReading };

export function IdCardReader(props: { serviceCode: string; onFill: (answers: Record<string, AnswerValue>) => void; onClose: () => void; person?: string }) {
  const k = useKiosk();
  const { t } = k;
  const [step, setStep] = useState<Step>({ name: 'consent' });
  const [error, setError] = useState<CameraError | null>(null);
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [focus, setFocus] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  /** Once the resident sees a reading, a later one (another camera frame, a second scan) does not overwrite their corrections. */
  const confirming = useRef(false);

  useEffect(() => {
    const offRead = k.client.on('idcard.read', (reading) => {
      if (confirming.current) return;
      confirming.current = true;
      setError(null);
      // Shown as read (dates already dd/mm/yyyy), every field correctable.
      setEdited({ ...reading.fields });
      setStep({ name: 'confirm', reading });
    });
    const offErr = k.client.on('idcard.error', (e) => setError((prev) => ({ text: k.lang === 'vi' ? e.message : e.messageEn, code: e.code, seq: (prev?.seq ?? 0) + 1 })));
    return () => {
      offRead();
      offErr();
    };
  }, [k.client, k.lang]);

  const close = () => {
    void k.client.call('idcard.clear', {}).catch(() => undefined);
    props.onClose();
  };

  const allow = async () => {
    try {
      const r = await k.client.call('idcard.consent', { allow: true });
      setStep(r.camera ? { name: 'camera', scanner: r.scanner } : { name: 'waiting', scanner: r.scanner });
    } catch (e) {
      k.reportError(e);
      props.onClose();
    }
  };

  const deny = async () => {
    await k.client.call('idcard.consent', { allow: false }).catch(() => undefined);
    props.onClose();
  };

  /** One call: the services apply their reading with the resident's corrections, save the answers and forget the reading. */
  const use = async () => {
    setApplying(true);
    try {
      const r = await k.client.call('idcard.apply', { serviceCode: props.serviceCode, ...(props.person ? { person: props.person } : {}), corrections: edited });
      props.onFill(r.answers);
    } catch (e) {
      k.reportError(e);
    }
    props.onClose();
  };

  if (step.name === 'consent') {
    return (
      <Dialog
        id="idcard-consent"
        testId="idcard-consent"
        title={t('idcardConsentTitle')}
        actions={
          <>
            <button type="button" className="btn btn-primary btn-xl" data-testid="idcard-allow" data-autofocus onClick={() => void allow()}>
              {t('idcardAllow')}
            </button>
            <button type="button" className="btn btn-secondary btn-xl" data-testid="idcard-deny" onClick={() => void deny()}>
              {t('idcardDeny')}
            </button>
          </>
        }
      >
        <p data-voice>{t('idcardConsentText')}</p>
      </Dialog>
    );
  }

  if (step.name === 'camera') {
    return <CameraStep error={error} scanner={step.scanner} onCancel={close} />;
  }

  if (step.name === 'waiting') {
    return (
      <Dialog
        id="idcard-guide"
        testId="idcard-guide"
        live
        title={t('idcardGuideTitle')}
        actions={
          <button type="button" className="btn btn-secondary btn-xl" data-testid="idcard-cancel" onClick={close}>
            {t('idcardCancel')}
          </button>
        }
      >
        <div className="idcard-illustration" aria-hidden="true">
          <div className="idcard-card">
            <div className="idcard-qr" />
          </div>
          <div className="idcard-reader-light" />
        </div>
        <p data-voice>{t('idcardGuideText')}</p>
        {step.scanner !== 'connected' ? (
          <p className="field-error" role="alert">
            {t('idcardScannerMissing')}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" role="alert" data-testid="idcard-error">
            <span className="field-error-mark" aria-hidden="true">
              !
            </span>
            {error.text}
          </p>
        ) : null}
      </Dialog>
    );
  }

  const reading = step.reading;
  const shown = SHOWN_FIELDS.filter((f) => reading.fields[f] !== undefined);
  // Fields the reader is unsure of are marked until the resident changes them (common/idcard/review.ts).
  const review = fieldsToReview(reading);
  const marked = shown.filter((f) => review[f] && edited[f] === reading.fields[f]);
  return (
    <Dialog
      id="idcard-confirm"
      testId="idcard-confirm"
      className="dialog-wide"
      title={t('idcardConfirmTitle')}
      actions={
        <>
          <button type="button" className="btn btn-primary btn-xl" data-testid="idcard-use" data-autofocus disabled={applying} aria-busy={applying} onClick={() => void use()}>
            {t('idcardUse')}
          </button>
          <button type="button" className="btn btn-secondary btn-xl" data-testid="idcard-cancel" onClick={close}>
            {t('idcardCancel')}
          </button>
        </>
      }
    >
      <p>{t('idcardConfirmText')}</p>
      {reading.expired ? <p className="field-error">{t('idcardExpired')}</p> : null}
      {marked.length ? (
        <p className="field-error" data-voice data-testid="idcard-check-note">
          <span className="field-error-mark" aria-hidden="true">
            !
          </span>
          {t('idcardCheckNote', { n: marked.length })}
        </p>
      ) : null}
      <dl className="idcard-fields">
        {shown.map((f) => {
          const why = marked.includes(f) ? review[f] : undefined;
          return (
            <div key={f} className={why ? 'idcard-field idcard-field-check' : 'idcard-field'} data-review={why}>
              <dt>
                <label htmlFor={`idf-${f}`}>{t(`idf_${f}` as StringKey)}</label>
              </dt>
              <dd>
                {/* Every field can be corrected: tapping it opens the on-screen keyboard below. */}
                <input
                  id={`idf-${f}`}
                  className="input"
                  data-testid={`idcard-field-${f}`}
                  value={edited[f] ?? ''}
                  inputMode="none"
                  autoComplete="off"
                  spellCheck={false}
                  aria-describedby={why ? `idf-${f}-check` : undefined}
                  onFocus={() => setFocus(f)}
                  onChange={(e) => setEdited((x) => ({ ...x, [f]: e.target.value }))}
                />
                {why ? (
                  <p className="field-error idcard-check" id={`idf-${f}-check`} data-testid={`idcard-check-${f}`}>
                    <span className="field-error-mark" aria-hidden="true">
                      !
                    </span>
                    {t(CHECK_TEXT[why])}
                  </p>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
      {focus ? (
        <TextKeyboard value={edited[focus] ?? ''} onChange={(v) => setEdited((x) => ({ ...x, [focus]: v }))} maxLength={200} controls={`idf-${focus}`} />
      ) : null}
    </Dialog>
  );
}
