import type { StateCreator } from 'zustand/vanilla';
import type { StreamStatus } from '../../../shared/protocol.ts';
import { isSameStream, type AppState } from './app-state.ts';

export type SocketState = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface ConnectionSlice {
  socketState: SocketState;
  /** What the server last said about the selected stream's upstream feed. */
  streamStatus: StreamStatus | null;

  setSocketState: (socketState: SocketState) => void;
  setStreamStatus: (status: StreamStatus) => void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set, get) => ({
  socketState: 'connecting',
  streamStatus: null,

  setSocketState: (socketState) => set({ socketState }),

  setStreamStatus: (status) => {
    if (isSameStream(get(), status)) set({ streamStatus: status });
  },
});
