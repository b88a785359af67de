import type { StreamState } from '../../../shared/protocol.ts';
import type { SocketState } from '../store/connection-slice.ts';

export type BadgeTone = 'live' | 'pending' | 'warn' | 'down';

export interface ConnectionLabel {
  text: string;
  tone: BadgeTone;
  /** The longer explanation, shown as a tooltip. */
  title: string;
}

/** Our socket comes first: an upstream status is only meaningful while we are connected to hear it. */
export function describeConnection(
  socketState: SocketState,
  streamState: StreamState | undefined,
  detail: string | undefined,
): ConnectionLabel {
  switch (socketState) {
    case 'connecting':
      return { text: 'Connecting…', tone: 'pending', title: 'Connecting to the TrendScope server.' };
    case 'reconnecting':
      return { text: 'Reconnecting…', tone: 'warn', title: 'Lost the connection to the server; retrying.' };
    case 'offline':
      return {
        text: 'Offline',
        tone: 'down',
        title: 'Not connected to the server. Reload the page to try again.',
      };
    case 'online':
      if (streamState === 'stale') {
        return {
          text: 'Stale',
          tone: 'warn',
          title: detail ?? 'No fresh data from the market source right now.',
        };
      }
      if (streamState === 'reconnecting') {
        return {
          text: 'Reconnecting…',
          tone: 'warn',
          title: `The server is reconnecting to the market source.${detail ? ` ${detail}` : ''}`,
        };
      }
      return { text: 'Live', tone: 'live', title: detail ?? 'Connected; prices update as they arrive.' };
  }
}
