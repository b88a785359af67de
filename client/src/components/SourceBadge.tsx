import { useAppStore } from '../store/index.ts';

/** Always on screen, so a replay is never mistaken for the live market. */
export function SourceBadge() {
  const kind = useAppStore((state) => state.source?.kind);
  const label = useAppStore((state) => state.source?.label);
  const symbolsStatus = useAppStore((state) => state.symbolsStatus);

  const text = label ?? (symbolsStatus === 'loading' ? 'Loading source…' : 'Source unknown');
  const title =
    kind === 'replay'
      ? 'Recorded market data played back; these are not current prices.'
      : kind === 'exchange'
        ? 'Prices streamed from the exchange.'
        : undefined;
  return (
    <span className="badge" data-testid="source-badge" data-kind={kind ?? 'unknown'} title={title}>
      <span className="badge__full">{text}</span>
      {/* A phone has room for one word; the title says the rest. */}
      {kind === 'replay' ? <span className="badge__short">Replay</span> : null}
    </span>
  );
}
