export function Brand() {
  return (
    <div className="brand">
      <svg className="brand__mark" viewBox="0 0 24 24" aria-hidden="true">
        <path
          d="M3 17l5-6 4 4 8-10"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.4"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="brand__name">TrendScope</span>
    </div>
  );
}
