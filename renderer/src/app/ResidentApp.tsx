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
import type { Question } from '../../../kiosk-config/catalogue.schema.ts';
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
  | { name: 'question'; code: string; index: number; fromCheck?: boolean }
  | { name: 'papers'; code: string; fromCheck?: boolean }
  | { name: 'check'; code: string }
  | { name: 'confirmation'; code: string; submitted: Submitted }
  | { name: 'search' }
  | { name: 'track' }
  | { name: 'rating' }
  | { name: 'thanks' };

const stringOf = (v: AnswerValue | undefined): string => (typeof v === 'string' ? v : '');

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
  const route = stack[stack.length - 1] ?? { name: 'home' };
  const { clearError } = k;

  const push = useCallback(
    (r: Route) => {
      clearError();
      setStack((s) => [...s, r]);
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
    try {
      const draft = await k.client.call('form.draft', { serviceCode: code });
      setAnswers((a) => ({ ...a, [code]: { ...draft.answers, ...a[code] } }));
    } catch (e) {
      k.reportError(e); // the form still starts; answers are saved one by one
    } finally {
      setApplying(false);
    }
    push({ name: 'question', code, index: 0 });
  };

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
      const flat = (s?.questions ?? []).filter((x): x is Question => x.type !== 'group');
      const q = flat[route.index];
      if (s && q) {
        const fromCheck = route.fromCheck === true;
        const index = route.index;
        screen = (
          <QuestionPage
            key={`${s.code}:${q.id}:${stack.length}`}
            serviceCode={s.code}
            question={q}
            index={index}
            total={flat.length}
            initial={stringOf(answers[s.code]?.[q.id])}
            questions={s.questions}
            onAutofill={(filled) => setAnswers((a) => ({ ...a, [s.code]: { ...a[s.code], ...filled } }))}
            onBack={back}
            onSaved={(qid, value) => {
              setAnswers((a) => ({ ...a, [s.code]: { ...a[s.code], [qid]: value } }));
              if (fromCheck) back();
              else if (index + 1 < flat.length) push({ name: 'question', code: s.code, index: index + 1 });
              else push({ name: 'papers', code: s.code });
            }}
          />
        );
      }
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
          onChange={(index) => push({ name: 'question', code: s.code, index, fromCheck: true })}
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
