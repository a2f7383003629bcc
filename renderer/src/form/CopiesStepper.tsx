/** A number of copies: − n + with large buttons (no typing). Nothing is chosen until the resident presses one; + starts at 1 (or the minimum). */
import { useKiosk } from '../app/context.ts';

export function CopiesStepper(props: { id: string; value: string; min: number; max: number; onChange: (v: string) => void; describedBy: string | undefined }) {
  const { t } = useKiosk();
  const n = /^\d+$/.test(props.value) ? Number(props.value) : null;
  const set = (v: number) => props.onChange(String(Math.min(props.max, Math.max(props.min, v))));
  return (
    <div className="copies" role="group" aria-describedby={props.describedBy}>
      <button type="button" className="btn btn-secondary btn-xl copies-btn" data-testid="copies-less" aria-label={t('copiesLess')} disabled={n !== null && n <= props.min} onClick={() => set(n === null ? props.min : n - 1)}>
        −
      </button>
      <output id={props.id} className="copies-value" data-testid="question-input" aria-live="polite">
        {n === null ? '–' : t('copiesValue', { n })}
      </output>
      <button type="button" className="btn btn-secondary btn-xl copies-btn" data-testid="copies-more" aria-label={t('copiesMore')} disabled={n !== null && n >= props.max} onClick={() => set(n === null ? Math.max(props.min, 1) : n + 1)}>
        +
      </button>
    </div>
  );
}
