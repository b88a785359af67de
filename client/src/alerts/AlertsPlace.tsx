import { Suspense, use, useRef } from 'react';
import { FailureBoundary } from '../components/FailureBoundary.tsx';
import { loadingAlerts } from './alerts-loader.ts';
import { alertsStore, useAlerts } from './alerts-store.ts';
import { BellIcon } from './BellIcon.tsx';
import './alerts-button.css';

function LoadedPanel({ onClose }: { onClose: () => void }) {
  const { AlertsPanel } = use(loadingAlerts());
  return <AlertsPanel onClose={onClose} />;
}

function LoadedToasts() {
  const { AlertToasts } = use(loadingAlerts());
  return <AlertToasts />;
}

/**
 * The header's bell with the count of triggers not seen yet; it opens the alerts panel (a drawer, a
 * sheet on a phone). The panel and the toasts come with the alerts' own chunk, after the chat's.
 */
export function AlertsPlace() {
  const open = useAlerts((state) => state.open);
  const unseen = useAlerts((state) => state.unseen);
  const label = unseen > 0 ? `Alerts, ${unseen} new` : 'Alerts';
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Closed from inside the panel (its × or Esc): the focus goes back to the bell, not to the page's start.
  const close = () => {
    alertsStore.getState().setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="icon-button alerts-button"
        aria-expanded={open}
        aria-controls="alerts-panel"
        aria-label={label}
        title={label}
        data-testid="alerts-button"
        onClick={() => alertsStore.getState().setOpen(!open)}
      >
        <BellIcon />
        {unseen > 0 ? (
          <span className="alerts-button__badge" data-testid="alerts-badge">
            {unseen > 99 ? '99+' : unseen}
          </span>
        ) : null}
      </button>
      <FailureBoundary fallback={null}>
        <Suspense fallback={null}>
          {open ? <LoadedPanel onClose={close} /> : null}
          <LoadedToasts />
        </Suspense>
      </FailureBoundary>
    </>
  );
}
