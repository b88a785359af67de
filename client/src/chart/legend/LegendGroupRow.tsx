import { formatIndicator } from './legend-format.ts';
import type { LegendGroup } from './legend-model.ts';

/** `EMA  20 43,100.22  50 42,950.10` — each value in its line's colour; `—` where there is none yet. */
export function LegendGroupRow({ group, precision }: { group: LegendGroup; precision: number }) {
  return (
    <div className="chart-legend__row" data-group={group.id}>
      <span className="chart-legend__key">{group.title}</span>
      {group.values.map((value) => (
        <span
          key={value.line}
          className="chart-legend__value"
          style={{ color: value.color }}
          title={value.value === null ? `${value.name}: no value at this candle yet` : value.name}
          data-line={value.line}
          data-value={value.value ?? ''}
        >
          {value.tag && <span className="chart-legend__tag">{value.tag}</span>}
          {formatIndicator(value.line, value.value, precision)}
        </span>
      ))}
    </div>
  );
}
