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
      {text}
    </span>
  );
}
