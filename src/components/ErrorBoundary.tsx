/**
 * A boundary around a panel that loads on demand or can fail on its own (the export dialog, the
 * lab, a lab result's chart, the guided tour, the shortcut help): an error while it loads or
 * renders shows one sentence with Retry and Close in the panel's place, and the rest of the page,
 * the live run included, stays mounted. Without it React unmounts the whole app.
 */
import { Component, Fragment } from 'react';
import type { ReactNode } from 'react';
import './errorBoundary.css';

/** Props of ErrorBoundary. */
export interface ErrorBoundaryProps {
  /** The panel, as the subject of the sentence: "The export dialog". */
  name: string;
  /** Close the panel (its own close action); without it Close just hides the message. */
  onClose?: () => void;
  children: ReactNode;
}

interface BoundaryState {
  /** The error's message, or null while the children render. */
  message: string | null;
  /** Bumped by Retry: the children mount afresh. */
  attempt: number;
  /** Closed by the reader with no onClose: render nothing. */
  dismissed: boolean;
}

/** Longest error text quoted in the sentence. */
const MAX_MESSAGE_CHARS = 160;

/** The error's message on one line, shortened. */
function messageOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim() || 'unknown error';
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}…`;
}

/** Catches what its children throw while they render or load; see the module comment. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, BoundaryState> {
  override state: BoundaryState = { message: null, attempt: 0, dismissed: false };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { message: messageOf(error) };
  }

  private readonly retry = (): void => {
    this.setState((s) => ({ message: null, attempt: s.attempt + 1, dismissed: false }));
  };

  private readonly close = (): void => {
    const { onClose } = this.props;
    this.setState((s) => ({ message: null, attempt: s.attempt + 1, dismissed: onClose === undefined }));
    onClose?.();
  };

  override render() {
    const { message, attempt, dismissed } = this.state;
    if (dismissed) return null;
    if (message === null) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    return (
      <div className="panel-error" role="alert">
        <p>{this.props.name} stopped on an error ({message}); the live run goes on.</p>
        <button type="button" onClick={this.retry}>Retry</button>
        <button type="button" onClick={this.close}>Close</button>
      </div>
    );
  }
}
