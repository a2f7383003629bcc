/**
 * One screen: `<main data-screen=…>` with its heading focused on arrival, so a
 * screen reader starts from the heading. Voice guidance ("Đọc to", "Tự đọc")
 * reads the <h1> and the elements marked `data-voice` — the lead is one.
 */
import { useContext, useEffect, useRef, type ReactNode } from 'react';
import { KioskContext } from '../app/context.ts';
import { useVoice } from '../voice/context.ts';

export function Screen(props: {
  name: string;
  /** The name staff see for this screen (`service:1.001193`), when it says more than `name`. Never a resident's data. */
  report?: string;
  title: ReactNode;
  lead?: ReactNode;
  children?: ReactNode;
  className?: string;
  above?: ReactNode;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const voice = useVoice();
  const shown = useRef(voice?.screenShown);
  const client = useContext(KioskContext)?.client;
  const reported = props.report ?? props.name;
  useEffect(() => {
    h1.current?.focus({ preventScroll: false });
    shown.current?.();
  }, []);
  useEffect(() => {
    // for the staff console's "current screen"; a failure changes nothing for the resident
    client?.call('ui.screen', { screen: reported }).catch(() => undefined);
  }, [client, reported]);
  return (
    <main className={`screen screen-${props.name} ${props.className ?? ''}`} data-screen={props.name} aria-labelledby={`h-${props.name}`}>
      {props.above}
      <h1 id={`h-${props.name}`} ref={h1} tabIndex={-1} className="screen-title">
        {props.title}
      </h1>
      {props.lead ? (
        <p className="lead" data-voice>
          {props.lead}
        </p>
      ) : null}
      {props.children}
    </main>
  );
}

export function BackButton(props: { onClick: () => void; label: string }) {
  return (
    <button type="button" className="btn btn-back" data-testid="back" onClick={props.onClick}>
      <span aria-hidden="true" className="btn-back-arrow">
        ←
      </span>{' '}
      {props.label}
    </button>
  );
}
