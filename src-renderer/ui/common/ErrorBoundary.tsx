// One boundary per panel (table, detail, map, sync bar): a panel that throws while rendering shows a
// French message and a "Réessayer" button in its place, and the rest of the workspace keeps working.
// Without it React unmounts the whole app on the first render error: one odd sighting from a peer
// would blank every screen of the crisis cell.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ErrorBoundaryProps {
  /** The panel's name, as shown to the user ("Carte", "Tableau des remontées"…). */
  panel: string;
  children: ReactNode;
  /** When it changes (another sighting opened…), a failed panel tries again by itself. */
  resetKey?: unknown;
  /** Told of each error caught (default: console.error, for the developer tools). */
  onError?(error: unknown, info: ErrorInfo): void;
}

interface State {
  error: unknown;
  failed: boolean;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    if (this.props.onError) this.props.onError(error, info);
    else console.error(`Vigie : le panneau « ${this.props.panel} » a rencontré une erreur`, error);
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.failed && !Object.is(previous.resetKey, this.props.resetKey)) this.retry();
  }

  retry = (): void => this.setState({ error: null, failed: false });

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <PanelError panel={this.props.panel} error={this.state.error} onRetry={this.retry} />;
  }
}

function PanelError({ panel, error, onRetry }: { panel: string; error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div className="banner error panel-error" role="alert" aria-label={panel}>
      <p>{t('errors.panel', { panel })}</p>
      <details>
        <summary>{t('errors.details')}</summary>
        {/* Text only: an error message may quote untrusted content. */}
        <code>{detail}</code>
      </details>
      <button type="button" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </div>
  );
}
