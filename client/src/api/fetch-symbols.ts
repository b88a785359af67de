import type { SymbolsResponse } from '../../../shared/http.ts';

/** GET /api/symbols; throws an Error whose message can be shown to the user as is. */
export async function fetchSymbols(): Promise<SymbolsResponse> {
  let response: Response;
  try {
    response = await fetch('/api/symbols', { headers: { accept: 'application/json' } });
  } catch {
    throw new Error('Cannot reach the TrendScope server.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new Error(
      apiErrorMessage(body) ?? `The server answered ${response.status} ${response.statusText}.`,
    );
  }
  if (!isSymbolsResponse(body)) throw new Error('The server sent an unexpected symbol list.');
  return body;
}

function apiErrorMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

/** Shallow check so a misrouted response (an HTML page, a proxy error) fails here, not deep in a render. */
function isSymbolsResponse(body: unknown): body is SymbolsResponse {
  const candidate = body as Partial<SymbolsResponse> | undefined;
  return (
    typeof candidate?.source?.label === 'string' &&
    Array.isArray(candidate.symbols) &&
    Array.isArray(candidate.timeframes)
  );
}
