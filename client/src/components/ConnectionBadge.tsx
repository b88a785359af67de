import { useAppStore } from '../store/index.ts';
import { describeConnection } from './connection-label.ts';

export function ConnectionBadge() {
  const socketState = useAppStore((state) => state.socketState);
  const streamState = useAppStore((state) => state.streamStatus?.state);
  const detail = useAppStore((state) => state.streamStatus?.detail);
  const { text, tone, title } = describeConnection(socketState, streamState, detail);

  return (
    <span
      className="badge"
      data-testid="connection-badge"
      data-state={socketState}
      data-stream-state={streamState}
      data-tone={tone}
      title={title}
      role="status"
    >
      <span className="badge__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
