/**
 * A modal dialog: focus moves to its first action and is kept inside; the rest
 * of the page (#app-frame) is inert while it is open; rendered in a portal on <body>.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

let openDialogs = 0;

export function Dialog(props: {
  title: ReactNode;
  children?: ReactNode;
  actions: ReactNode;
  testId?: string;
  role?: 'dialog' | 'alertdialog';
  className?: string;
  id: string;
  live?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    const app = document.getElementById('app-frame');
    openDialogs++;
    app?.setAttribute('inert', '');
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>('button');
    first?.focus();
    return () => {
      openDialogs--;
      if (openDialogs === 0) app?.removeAttribute('inert');
    };
  }, []);
  return createPortal(
    <div className="overlay">
      <div
        ref={ref}
        className={`dialog ${props.className ?? ''}`}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-body`}
        data-testid={props.testId}
        aria-live={props.live ? 'polite' : undefined}
      >
        <h2 id={`${props.id}-title`} className="dialog-title">
          {props.title}
        </h2>
        <div id={`${props.id}-body`} className="dialog-body">
          {props.children}
        </div>
        <div className="dialog-actions">{props.actions}</div>
      </div>
    </div>,
    document.body,
  );
}
