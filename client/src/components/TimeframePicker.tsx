import { useAppStore } from '../store/index.ts';

export function TimeframePicker() {
  const timeframes = useAppStore((state) => state.timeframes);
  const selected = useAppStore((state) => state.timeframe);
  const selectTimeframe = useAppStore((state) => state.selectTimeframe);

  return (
    <div className="segmented" role="group" aria-label="Timeframe" data-testid="timeframe-picker">
      {timeframes.map((timeframe) => (
        <button
          key={timeframe}
          type="button"
          className="segmented__option"
          data-timeframe={timeframe}
          aria-pressed={timeframe === selected}
          onClick={() => selectTimeframe(timeframe)}
        >
          {timeframe}
        </button>
      ))}
    </div>
  );
}
