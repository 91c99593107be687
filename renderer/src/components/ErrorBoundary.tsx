import { Component, type ErrorInfo as ReactErrorInfo, type ReactNode } from "react";

/** A way out of a failed view, besides trying again. */
export interface RecoveryAction {
  readonly label: string;
  readonly run: () => void;
}

interface Props {
  /** What failed, as the user knows it: "The History screen", "Run 2026-…". */
  readonly what: string;
  readonly actions?: readonly RecoveryAction[];
  readonly children: ReactNode;
}

interface State {
  readonly error?: Error;
}

/**
 * Catches a render (or effect) error below it and shows what failed, the error, and a way
 * back, instead of React unmounting the whole panel and leaving an empty page. "Try again"
 * renders the children afresh; an action resets the boundary after it runs.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ReactErrorInfo): void {
    // The component stack is for whoever reads the console; the user gets the message.
    console.error(`${this.props.what} failed to render:`, error, info.componentStack);
  }

  private readonly reset = () => this.setState({ error: undefined });

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="render-failure" role="alert" aria-labelledby="render-failure-title">
        <h2 id="render-failure-title">{this.props.what} could not be shown</h2>
        <p>
          <code>RENDER_FAILED</code> {error.message || error.name}
        </p>
        <p className="note">The rest of the panel still works. Trying again may fail the same way if the data it shows is the cause.</p>
        <div className="actions">
          {this.props.actions?.map((a) => (
            <button
              key={a.label}
              type="button"
              onClick={() => {
                a.run();
                this.reset();
              }}
            >
              {a.label}
            </button>
          ))}
          <button type="button" onClick={this.reset}>
            Try again
          </button>
        </div>
      </section>
    );
  }
}
