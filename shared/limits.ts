/**
 * Limits both sides enforce. They live apart from the request schemas, which use full zod, so the
 * browser can import them without pulling zod into its bundle.
 */

/** Most candles one snapshot may carry; the server's store per stream holds at least this many. */
export const MAX_SNAPSHOT_CANDLES = 2000;
export const DEFAULT_SNAPSHOT_CANDLES = 1500;

/** What a username may be, as the sign-up form and the server's error both say it. */
export const USERNAME_RULE = '3–32 characters: letters, digits, dot, dash or underscore';

/** Longest chat question, in characters. */
export const MAX_CHAT_TEXT = 1000;
