/**
 * Bytes an ack took on the wire, whatever its encoding: what the client's TCP socket read between the
 * emit and the ack, less every other frame that arrived meanwhile (candle ticks, pings). Frames are
 * sized as an unmasked server-to-client WebSocket frame; TCP bytes include any permessage-deflate,
 * so a compressed ack shows smaller here than its decoded frames.
 */
import type { Socket as TcpSocket } from 'node:net';
import type { Socket } from 'socket.io-client';

interface EnginePacket {
  type: string;
  data?: unknown;
}

export interface AckBytes {
  /** TCP bytes of the ack's frames (headers included). */
  wire: number;
  /** Payload bytes of the ack's frames as decoded by the WebSocket (before Socket.IO parses them). */
  frames: number;
}

/** Payload of one Engine.IO packet on a WebSocket: its type digit and the text, or the raw binary. */
function payloadBytes(packet: EnginePacket): number {
  if (typeof packet.data === 'string') return 1 + Buffer.byteLength(packet.data);
  if (packet.data instanceof ArrayBuffer || ArrayBuffer.isView(packet.data)) return packet.data.byteLength;
  return 1;
}

/** A server frame: 2 header bytes, 2 or 8 more for a longer payload (RFC 6455 §5.2), no mask. */
const frameBytes = (payload: number) => payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);

/** The TCP socket under a connected socket.io-client socket on the websocket transport (Node). */
export function tcpSocketOf(socket: Socket): TcpSocket {
  const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: TcpSocket } };
  const tcp = transport.ws?._socket;
  if (!tcp) throw new Error('no TCP socket under this client (websocket transport in Node expected)');
  return tcp;
}

/**
 * Starts counting on `socket`; `stop()` gives the ack's bytes. Call `stop()` where the ack's promise
 * resolves: that runs after the read that brought the ack is fully parsed, so the other frames of that
 * read have been seen and subtracted.
 */
export function meterAck(socket: Socket): { stop(): AckBytes } {
  const engine = socket.io.engine;
  const tcp = tcpSocketOf(socket);
  const before = tcp.bytesRead;
  let other = 0;
  let ackPayload = 0;
  // Socket.IO sends binary as a header packet (`5<n>-…` event, `6<n>-…` ack) and n binary frames.
  let attachmentsLeft = 0;
  let attachmentsOfAck = false;
  const onPacket = (packet: EnginePacket) => {
    const payload = payloadBytes(packet);
    if (packet.type === 'message' && typeof packet.data === 'string') {
      const kind = packet.data[0];
      const attachments = kind === '5' || kind === '6' ? Number(/^\d(\d+)-/.exec(packet.data)?.[1] ?? 0) : 0;
      if (attachments > 0) {
        attachmentsLeft = attachments;
        attachmentsOfAck = kind === '6';
      }
      if (kind === '3' || kind === '6') ackPayload += payload;
      else other += frameBytes(payload);
    } else if (packet.type === 'message' && attachmentsLeft > 0) {
      attachmentsLeft--;
      if (attachmentsOfAck) ackPayload += payload;
      else other += frameBytes(payload);
    } else {
      other += frameBytes(payload);
    }
  };
  engine.on('packet', onPacket);
  return {
    stop() {
      engine.off('packet', onPacket);
      return { wire: tcp.bytesRead - before - other, frames: ackPayload };
    },
  };
}
