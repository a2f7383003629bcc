/**
 * Never a blank screen: a render error shows a plain message and one way
 * out, "Về màn hình đầu", which ends and wipes the session.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { strings } from '../i18n/strings.ts';
import type { Lang } from '../i18n/index.ts';

interface Props {
  lang: Lang;
  onReset: () => void;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // No resident data in the log: only the error's name and the component stack.
    console.error('[renderer] screen crashed:', error.name, info.componentStack?.split('\n').slice(0, 4).join(' '));
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const l = this.props.lang;
    return (
      <main className="screen screen-error" data-screen="error">
        <h1 className="screen-title">{strings.errorScreenTitle[l]}</h1>
        <p className="lead">{strings.errorScreenBody[l]}</p>
        <button type="button" className="btn btn-primary btn-xl" data-testid="error-home" onClick={this.props.onReset}>
          {strings.exit[l]}
        </button>
      </main>
    );
  }
}
