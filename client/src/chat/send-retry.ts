import type { ChatError } from '../store/chat-slice.ts';

/**
 * Waits before each automatic resend of a question, unless the server asks for longer: about a
 * minute in all, enough for a database or a server to restart.
 */
export const RESEND_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000] as const;

/**
 * How long to wait before sending the same question again (with the same clientId, so the server
 * stores it once whatever happened to the previous attempt), or undefined to give up and say why.
 * Resent: what the server says is momentary, and a question that may have left without its answer
 * coming back. One that never left (no connection at all) is not, the first time: the user sees at
 * once that nothing was sent.
 */
export function resendDelay(error: ChatError, attempt: number): number | undefined {
  const wait = RESEND_DELAYS_MS[attempt - 1];
  if (wait === undefined) return undefined;
  const momentary =
    error.code === 'TEMPORARILY_UNAVAILABLE' ||
    (error.code === 'UNREACHABLE' && (error.maybeDelivered === true || attempt > 1));
  return momentary ? Math.max(wait, error.retryAfterMs ?? 0) : undefined;
}

/** What the chat shows while it sends a question again by itself. */
export function resendingNotice(error: ChatError): ChatError {
  return {
    code: error.code,
    message:
      error.code === 'TEMPORARILY_UNAVAILABLE'
        ? 'The chat is unavailable for a moment; your question was not lost — retrying…'
        : 'The connection to the server dropped; your question was not lost — retrying…',
    resending: true,
  };
}

/** The id a question keeps across its resends: a random UUID, where randomUUID exists or not. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a plain-http address on a LAN is not one.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
