import { DAY_MS } from '../market/change-24h.ts';
import { formatPercent, formatSpan } from '../format/numbers.ts';
import { useAppStore } from '../store/index.ts';
import { selectChange24hPercent, selectChange24hSpanMs } from '../store/selectors.ts';

export function Change24h() {
  const percent = useAppStore(selectChange24hPercent);
  const spanMs = useAppStore(selectChange24hSpanMs);

  if (percent === undefined || spanMs === undefined) {
    return (
      <span className="change" data-testid="change-24h" data-direction="flat">
        —
      </span>
    );
  }
  const span = formatSpan(spanMs);
  const title =
    spanMs < DAY_MS
      ? `Change over ${span}: the loaded history does not reach back 24 hours.`
      : 'Change over the last 24 hours.';
  return (
    <span className="change" data-testid="change-24h" data-direction={directionOf(percent)} title={title}>
      {formatPercent(percent)} <span className="change__span">{span}</span>
    </span>
  );
}

function directionOf(percent: number): 'up' | 'down' | 'flat' {
  return percent > 0 ? 'up' : percent < 0 ? 'down' : 'flat';
}
