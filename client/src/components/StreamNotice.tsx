import { useAppStore } from '../store/index.ts';

/**
 * Says, over the chart, when the market source is not live: the candles shown are the last ones
 * received, and why no newer ones arrive. Silent while everything is live.
 */
export function StreamNotice() {
  const state = useAppStore((s) => s.streamStatus?.state);
  const detail = useAppStore((s) => s.streamStatus?.detail);
  const source = useAppStore((s) => s.streamStatus?.source);
  if (!state || state === 'live') return null;
  const headline =
    state === 'stale'
      ? `No fresh data from ${source}: showing the last candles received`
      : `Reconnecting to ${source}…`;
  return (
    <div
      className={`stream-notice stream-notice--${state}`}
      role="status"
      data-testid="stream-notice"
      data-state={state}
    >
      <strong>{headline}</strong>
      {detail ? <span className="stream-notice__detail">{detail}</span> : null}
    </div>
  );
}
