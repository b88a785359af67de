/** Rows of a list with a bullet each, in the brand mark's style: strokes in currentColor. */
export function ListIcon() {
  return (
    <svg className="watchlist-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
    </svg>
  );
}
