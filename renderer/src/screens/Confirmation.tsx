/**
 * Confirmation (GOV.UK panel): the application code large, what happens next,
 * then "Hoàn tất", which goes to the satisfaction rating (then the wipe).
 */
import type { Submitted } from '../../../common/contract/kiosk-api.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { Screen } from '../ui/Screen.tsx';

/** Break the code at its dots and dashes so it reads (and wraps) in chunks. */
export function codeChunks(code: string): string[] {
  return code.split(/(?<=[.-])/);
}

export function Confirmation(props: { submitted: Submitted; serviceName: string; onFinish: () => void }) {
  const k = useKiosk();
  const { t, lang } = k;
  const s = props.submitted;
  return (
    <Screen name="confirmation" title={t('confirmTitle')} className="screen-confirmation">
      <div className="panel" data-testid="confirmation-panel">
        <p className="panel-service">{props.serviceName}</p>
        <p className="panel-label">{t('codeLabel')}</p>
        <p className="panel-code" data-testid="application-code">
          {codeChunks(s.code).map((c, i) => (
            <span key={i} className="code-chunk">
              {c}
            </span>
          ))}
        </p>
      </div>
      <p className="lead" data-voice>
        {t('codeNote')}
      </p>
      <section className="section" aria-labelledby="h-result">
        <h2 id="h-result">{t('expectedResult')}</h2>
        <p>{loc(lang, s.expectedResult)}</p>
      </section>
      {s.nextSteps.length > 0 ? (
        <section className="section" aria-labelledby="h-next">
          <h2 id="h-next">{t('nextStepsTitle')}</h2>
          <ol className="next-steps">
            {s.nextSteps.map((n, i) => (
              <li key={i}>{loc(lang, n)}</li>
            ))}
          </ol>
        </section>
      ) : null}
      <p data-voice>{t('finishNote')}</p>
      <button
        type="button"
        className="btn btn-primary btn-xl"
        data-testid="finish"
        onClick={props.onFinish}
      >
        {t('finish')} <span aria-hidden="true">✓</span>
      </button>
    </Screen>
  );
}
