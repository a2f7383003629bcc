/**
 * The resident's journey inside one session: home → category or search →
 * service → questions → check answers → confirmation → rating → thanks (→ the
 * wipe); and tracking an application. All of it is React state of this
 * tree, which the Root remounts (new key) when the session ends: that is the
 * wipe of renderer memory. Answers are also saved in the services' session.
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { Submitted } from '../../../common/contract/kiosk-api.ts';
import type { AnswerValue } from '../../../common/contract/answers.ts';
import type { Service } from '../../../kiosk-config/catalogue.schema.ts';
import { addInstance, answerAt, groupInstances, groupPageKey, pages, removeInstance, setAnswer } from '../../../common/forms/engine.ts';
import { reuseRequester } from '../../../common/forms/autofill.ts';
import { GroupPage } from '../form/GroupPage.tsx';
import { loc } from '../i18n/index.ts';
import { CategoryPage, Home } from '../screens/Browse.tsx';
import { CheckAnswers } from '../screens/Check.tsx';
import { Confirmation } from '../screens/Confirmation.tsx';
import { QuestionPage } from '../screens/Question.tsx';
import { HelpPanel } from '../help/HelpPanel.tsx';
import type { KioskRequestView } from '../../../common/contract/hub-kiosk.ts';
import { ServicePage } from '../screens/ServicePage.tsx';
import { PapersStep } from '../papers/PapersStep.tsx';
import { RatingScreen, ThanksScreen } from '../screens/Rating.tsx';
import { SearchScreen } from '../screens/Search.tsx';
import { TrackScreen } from '../screens/Track.tsx';
import type { Layout } from '../keyboard/entry.ts';
import { KeyboardLayoutContext } from '../keyboard/TextKeyboard.tsx';
import { useKiosk } from './context.ts';
import { Toolbar } from './Toolbar.tsx';

export type Route =
  | { name: 'home' }
  | { name: 'category'; id: string }
  | { name: 'service'; code: string }
  /** A page of the form (common/forms/engine.ts pages(): a question, a group member's question, a group's own page). */
  | { name: 'question'; code: string; key: string; fromCheck?: boolean }
  | { name: 'papers'; code: string; fromCheck?: boolean }
  | { name: 'check'; code: string }
  | { name: 'confirmation'; code: string; submitted: Submitted }
  | { name: 'search' }
  | { name: 'track' }
  | { name: 'rating' }
  | { name: 'thanks' };

export function ResidentApp(props: { entry?: 'home' | 'track' }) {
  const k = useKiosk();
  const [stack, setStack] = useState<Route[]>(() => (props.entry === 'track' ? [{ name: 'home' }, { name: 'track' }] : [{ name: 'home' }]));
  /** The service of the application sent in this session: from then on, leaving goes through the rating. */
  const [sentService, setSentService] = useState<string | null>(null);
  /** The keyboard layout chosen in this session (React state only: wiped with the session). */
  const [kbLayout, setKbLayout] = useState<Layout>('direct');
  const keyboardLayout = useMemo(() => ({ layout: kbLayout, setLayout: setKbLayout }), [kbLayout]);
  const [helpView, setHelpView] = useState<KioskRequestView | null>(null);
  const [answers, setAnswers] = useState<Record<string, Record<string, AnswerValue>>>({});
  const [applying, setApplying] = useState(false);
  /** A group's instance being added or removed (its buttons wait). */
  const [busy, setBusy] = useState(false);
  const route = stack[stack.length - 1] ?? { name: 'home' };
  const { clearError } = k;

  const push = useCallback(
    (r: Route) => {
      clearError();
      setStack((s) => [...s, r]);
    },
    [clearError],
  );
  /** Back to a form page already on the stack (a group's page after its member's questions), else forward to it. */
  const goToPage = useCallback(
    (code: string, key: string) => {
      clearError();
      setStack((s) => {
        const at = s.findIndex((r) => r.name === 'question' && r.code === code && r.key === key);
        return at >= 0 ? s.slice(0, at + 1) : [...s, { name: 'question', code, key }];
      });
    },
    [clearError],
  );
  const back = useCallback(() => {
    clearError();
    setStack((s) => (s.length > 1 ? s.slice(0, -1) : s));
  }, [clearError]);

  const findService = (code: string) => k.catalogue.services.find((s) => s.code === code);
  const toRating = () => {
    clearError();
    setStack([{ name: 'rating' }]);
  };
  const home = (
    <Home
      onCategory={(id) => push({ name: 'category', id })}
      onService={(code) => push({ name: 'service', code })}
      onSearch={() => push({ name: 'search' })}
      onTrack={() => push({ name: 'track' })}
    />
  );

  const apply = async (code: string) => {
    setApplying(true);
    let merged = answers[code] ?? {};
    try {
      const draft = await k.client.call('form.draft', { serviceCode: code });
      merged = { ...draft.answers, ...merged };
      const m = merged;
      setAnswers((a) => ({ ...a, [code]: m }));
    } catch (e) {
      k.reportError(e); // the form still starts; answers are saved one by one
    } finally {
      setApplying(false);
    }
    const s = findService(code);
    const first = s ? pages(s, merged)[0] : undefined;
    if (first) push({ name: 'question', code, key: first.key });
  };

  /** Save these top-level answers in the session, then in this tree. */
  const commit = async (code: string, next: Record<string, AnswerValue>, ids: readonly string[]) => {
    for (const id of ids) {
      const value = next[id];
      if (value !== undefined) await k.client.call('form.saveAnswer', { serviceCode: code, questionId: id, value });
    }
    setAnswers((a) => ({ ...a, [code]: next }));
  };

  /** After a page: the next page asked given the new answers (a member's last question leads back to its group's page), or the check page. */
  const after = (s: Service, key: string, next: Record<string, AnswerValue>, fromCheck: boolean) => {
    if (fromCheck) return back();
    const list = pages(s, next);
    const i = list.findIndex((p) => p.key === key);
    const here = list[i];
    const following = list[i + 1];
    if (!following) return push({ name: 'papers', code: s.code }); // then the check page (the papers step skips itself when there are none)
    if (here?.kind === 'member' && following.kind === 'member' && following.index !== here.index) return goToPage(s.code, groupPageKey(here.group.id));
    if (following.kind === 'group') return goToPage(s.code, following.key);
    push({ name: 'question', code: s.code, key: following.key });
  };

  const firstMemberPage = (s: Service, a: Record<string, AnswerValue>, groupId: string, index: number) =>
    pages(s, a).find((p) => p.kind === 'member' && p.group.id === groupId && p.index === index)?.key;

  let screen: ReactNode;
  switch (route.name) {
    case 'home':
      screen = home;
      break;
    case 'search':
      screen = <SearchScreen onBack={back} onService={(code) => push({ name: 'service', code })} />;
      break;
    case 'track':
      screen = <TrackScreen onBack={back} />;
      break;
    case 'rating':
      screen = <RatingScreen serviceCode={sentService} onRated={() => setStack([{ name: 'thanks' }])} />;
      break;
    case 'thanks':
      screen = <ThanksScreen />;
      break;
    case 'category':
      screen = <CategoryPage id={route.id} onBack={back} onService={(code) => push({ name: 'service', code })} />;
      break;
    case 'service': {
      const s = findService(route.code);
      screen = s ? <ServicePage service={s} onBack={back} onApply={() => void apply(s.code)} applying={applying} /> : null;
      break;
    }
    case 'question': {
      const s = findService(route.code);
      if (!s) break;
      const a = answers[s.code] ?? {};
      const list = pages(s, a);
      const i = list.findIndex((p) => p.key === route.key);
      const page = list[i];
      const fromCheck = route.fromCheck === true;
      if (!page) {
        // Not asked any more (an earlier answer changed): the check page shows what is.
        screen = null;
        queueMicrotask(() => setStack((st) => [...st.filter((r) => !(r.name === 'question' && r.code === s.code && r.key === route.key))]));
        break;
      }
      if (page.kind === 'group') {
        const g = page.group;
        screen = (
          <GroupPage
            key={`${s.code}:${page.key}:${stack.length}`}
            serviceCode={s.code}
            group={g}
            instances={groupInstances(g, a)}
            index={i}
            total={list.length}
            busy={busy}
            onBack={back}
            onAdd={() => {
              const r = addInstance(g, a);
              if (!r) return;
              setBusy(true);
              commit(s.code, r.answers, [g.id])
                .then(() => {
                  const key = firstMemberPage(s, r.answers, g.id, r.index);
                  if (key) push({ name: 'question', code: s.code, key });
                })
                .catch((e: unknown) => k.reportError(e))
                .finally(() => setBusy(false));
            }}
            onEdit={(index) => {
              const key = firstMemberPage(s, a, g.id, index);
              if (key) push({ name: 'question', code: s.code, key });
            }}
            onRemove={(index) => {
              setBusy(true);
              commit(s.code, removeInstance(g, a, index), [g.id])
                .catch((e: unknown) => k.reportError(e))
                .finally(() => setBusy(false));
            }}
            onNext={() => after(s, page.key, a, fromCheck)}
          />
        );
        break;
      }
      const ref = page.kind === 'member' ? { questionId: page.question.id, group: { id: page.group.id, index: page.index } } : { questionId: page.question.id };
      screen = (
        <QuestionPage
          key={`${s.code}:${page.key}:${stack.length}`}
          serviceCode={s.code}
          question={page.question}
          index={i}
          total={list.length}
          initial={answerAt(a, ref)}
          questions={page.kind === 'question' ? s.questions : undefined}
          people={s.people}
          prefix={page.kind === 'member' ? k.t('groupItem', { item: loc(k.lang, page.group.itemLabel), n: page.index + 1 }) : undefined}
          onAutofill={(filled) => setAnswers((x) => ({ ...x, [s.code]: { ...x[s.code], ...filled } }))}
          onBack={back}
          onSubmit={async (value) => {
            let next = setAnswer(s, a, ref, value);
            const reused = reuseRequester(s, next);
            next = { ...next, ...reused };
            await commit(s.code, next, [ref.group?.id ?? ref.questionId, ...Object.keys(reused)]);
            after(s, page.key, next, fromCheck);
          }}
        />
      );
      break;
    }
    case 'papers': {
      // The papers step (renderer/src/papers/): skipped by itself when the procedure asks for none.
      const s = findService(route.code);
      const fromCheck = route.fromCheck === true;
      screen = s ? (
        <PapersStep
          key={`papers:${s.code}:${stack.length}`}
          serviceCode={s.code}
          fromCheck={fromCheck}
          onBack={back}
          onDone={(skipped) => {
            if (fromCheck) back();
            // Nothing to photograph: the step leaves no trace in the back stack.
            else if (skipped) setStack((st) => [...st.slice(0, -1), { name: 'check', code: s.code }]);
            else push({ name: 'check', code: s.code });
          }}
        />
      ) : null;
      break;
    }
    case 'check': {
      const s = findService(route.code);
      screen = s ? (
        <CheckAnswers
          service={s}
          answers={answers[s.code] ?? {}}
          onBack={back}
          onChange={(key) => push({ name: 'question', code: s.code, key, fromCheck: true })}
          onChangePapers={() => push({ name: 'papers', code: s.code, fromCheck: true })}
          onSubmitted={(submitted) => {
            clearError();
            // No way back into a sent form: the stack becomes home → confirmation.
            setAnswers((a) => ({ ...a, [s.code]: {} }));
            setSentService(s.code);
            setStack([{ name: 'home' }, { name: 'confirmation', code: s.code, submitted }]);
          }}
        />
      ) : null;
      break;
    }
    case 'confirmation': {
      const s = findService(route.code);
      screen = <Confirmation submitted={route.submitted} serviceName={s ? loc(k.lang, s.name) : route.submitted.serviceCode} onFinish={toRating} />;
      break;
    }
  }

  if (!screen) {
    // A service vanished (catalogue changed): never a blank screen.
    screen = home;
  }

  // Once an application is sent, "Về màn hình đầu" asks for the rating; on the rating and thanks screens it just ends.
  const onExit =
    route.name === 'rating' || route.name === 'thanks' ? () => void k.endSession('finished') : sentService !== null ? toRating : undefined;

  return (
    <KeyboardLayoutContext.Provider value={keyboardLayout}>
      <Toolbar screen={route.name} onExit={onExit} onHelp={(view) => setHelpView(view)} />
      {screen}
      {helpView ? <HelpPanel opened={helpView} onClosed={() => setHelpView(null)} /> : null}
    </KeyboardLayoutContext.Provider>
  );
}
