/**
 * A repeating group's own page (household members): who has been added, each
 * with "Sửa" and "Xóa", then "Thêm người" (up to the group's max) and "Tiếp tục".
 * Adding one opens its first question; after its last question the form comes
 * back here. Names shown here are personal: masked in the volunteer's live view.
 */
import type { GroupInstance } from '../../../common/contract/answers.ts';
import { answerText } from '../../../common/contract/answers.ts';
import type { Group } from '../../../kiosk-config/catalogue.schema.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { BackButton, Screen } from '../ui/Screen.tsx';

export function GroupPage(props: {
  serviceCode: string;
  group: Group;
  instances: readonly GroupInstance[];
  index: number;
  total: number;
  busy: boolean;
  onBack: () => void;
  onAdd: () => void;
  onEdit: (index: number) => void;
  onRemove: (index: number) => void;
  onNext: () => void;
}) {
  const { t, lang } = useKiosk();
  const g = props.group;
  const item = loc(lang, g.itemLabel);
  const n = props.instances.length;
  /** The first answered text of an instance (its name), to tell them apart. */
  const summary = (inst: GroupInstance) => g.questions.map((q) => answerText(inst[q.id]).trim()).find((x) => x !== '') ?? '';
  return (
    <Screen
      name="group"
      report={`form:${props.serviceCode}`}
      above={
        <>
          <BackButton onClick={props.onBack} label={t('back')} />
          <p className="step" data-testid="step">
            {t('step', { n: props.index + 1, total: props.total })}
          </p>
        </>
      }
      title={loc(lang, g.label)}
      lead={g.hint ? loc(lang, g.hint) : undefined}
    >
      {n === 0 ? (
        <p className="hint" data-testid="group-empty">
          {t('groupEmpty')}
        </p>
      ) : (
        <ul className="group-list" data-testid="group-list">
          {props.instances.map((inst, i) => (
            <li key={i} className="group-item" data-testid={`group-item-${i}`}>
              <span className="group-item-name">
                <strong>{t('groupItem', { item, n: i + 1 })}</strong> <span className="lv-private">{summary(inst)}</span>
              </span>
              <button type="button" className="btn btn-secondary" data-testid={`group-edit-${i}`} onClick={() => props.onEdit(i)} disabled={props.busy}>
                {t('change')}
              </button>
              {n > g.min ? (
                <button type="button" className="btn btn-secondary" data-testid={`group-remove-${i}`} aria-label={t('groupRemoveLabel', { item: t('groupItem', { item, n: i + 1 }) })} onClick={() => props.onRemove(i)} disabled={props.busy}>
                  {t('groupRemove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="hint">{n >= g.max ? t('groupFull') : t('groupCount', { n, max: g.max })}</p>
      {n < g.max ? (
        <button type="button" className="btn btn-secondary btn-xl" data-testid="group-add" onClick={props.onAdd} disabled={props.busy}>
          + {t('groupAdd')}
        </button>
      ) : null}
      <button type="button" className="btn btn-primary btn-xl" data-testid="question-next" onClick={props.onNext} disabled={props.busy}>
        {t('next')} <span aria-hidden="true">→</span>
      </button>
    </Screen>
  );
}
