import type { ErrorCode } from '../../../shared/errors.ts';

/** The server's error codes, plus the two failures only the client can see. */
export type ClientErrorCode = ErrorCode | 'UNREACHABLE' | 'UNEXPECTED';

/** An error whose message can be shown to the user as is; `code` says what kind of failure it was. */
export class RequestError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

export const UNREACHABLE_MESSAGE = 'Cannot reach the TrendScope server. Check your connection and try again.';

/**
 * A JSON request to the app's own API with the session cookie. Resolves to the parsed body (undefined
 * for 204); rejects with a RequestError carrying the server's code and message.
 */
export async function requestJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new RequestError('UNREACHABLE', UNREACHABLE_MESSAGE);
  }
  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string')
      throw new RequestError(error.code as ErrorCode, error.message, response.status);
    // A proxy's error page or a server that is restarting: no body of ours to show.
    throw new RequestError(
      response.status >= 502 ? 'UNREACHABLE' : 'UNEXPECTED',
      response.status >= 502
        ? UNREACHABLE_MESSAGE
        : `The server answered ${response.status} ${response.statusText}.`,
      response.status,
    );
  }
  if (parsed === undefined)
    throw new RequestError('UNEXPECTED', 'The server sent an unexpected answer.', response.status);
  return parsed as T;
}

/** Narrows anything caught to the code and message the UI shows. */
export function describeFailure(error: unknown): { code: ClientErrorCode; message: string } {
  if (error instanceof RequestError) return { code: error.code, message: error.message };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}
