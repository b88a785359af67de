/** A bell: the alerts' sign in the header, the watchlist and the toasts. */
export function BellIcon({ className = 'bell-icon' }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 2.2a3.8 3.8 0 0 0-3.8 3.8v2.6L3 10.8h10l-1.2-2.2V6A3.8 3.8 0 0 0 8 2.2Z" />
      <path d="M6.5 12.6a1.6 1.6 0 0 0 3 0" />
    </svg>
  );
}
