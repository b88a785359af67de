// The toolbar's icons: 24-unit strokes in currentColor, hidden from screen readers (the buttons are labelled).

function Icon({ d, dots = [] }: { d?: string; dots?: ReadonlyArray<readonly [number, number]> }) {
  return (
    <svg className="chart-toolbar__icon" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      {dots.map(([cx, cy]) => (
        <circle key={`${cx},${cy}`} cx={cx} cy={cy} r="2.4" fill="currentColor" />
      ))}
    </svg>
  );
}

export const PriceLineIcon = () => <Icon d="M3 12h18" dots={[[8, 12]]} />;
export const TrendLineIcon = () => (
  <Icon
    d="M5 18L19 6"
    dots={[
      [5, 18],
      [19, 6],
    ]}
  />
);
export const TrashIcon = () => <Icon d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13" />;
export const CsvIcon = () => <Icon d="M12 4v11M7 10l5 5 5-5M5 20h14" />;
export const CameraIcon = () => <Icon d="M4 8h4l2-3h4l2 3h4v11H4zM12 16.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6z" />;
export const LatestIcon = () => <Icon d="M6 6l6 6-6 6M13 6l6 6-6 6" />;
export const MoreIcon = () => (
  <Icon
    dots={[
      [5, 12],
      [12, 12],
      [19, 12],
    ]}
  />
);
