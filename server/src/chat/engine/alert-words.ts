/** What an alert question asks for: the alerts themselves are set in answers/alert-*.ts. */
export interface AlertRequest {
  action: 'create' | 'list' | 'delete';
  /** Crossing a price: above, below, or either way. */
  direction?: 'above' | 'below' | 'cross';
  /** The price level, in the quote currency (or the RSI level, for an RSI alert). */
  level?: number;
  /** A move of this many percent ("drops 5%"), signed: negative for a drop. */
  percent?: number;
  /** The window a move is measured over, as said ("in an hour", "within 4h"), in ms. */
  windowMs?: number;
  /** "every time", "whenever": fire on every crossing rather than once. */
  repeat?: boolean;
  /** "all my alerts", "my BTC alerts": every one (of the symbol, when one is named), not a single one. */
  all?: boolean;
  /** "delete that alert": the conversation's subject is meant even when no coin is named. */
  refersBack?: boolean;
  /** Set by the parser: the symbol came from the conversation, not from this question's words. */
  symbolCarried?: boolean;
}

const DELETE = /\b(delete|remove|cancel|clear|stop|disable|turn off)\b/;
const LIST = /\b(list|show|what|which|view|see|my|any|active|current)\b.*\balerts\b|^alerts\??$/;
const DOWN = /\b(below|under|drops?|dropping|falls?|falling|dips?|dumps?|goes down|sinks?|loses)\b/;
const UP = /\b(above|over|rises?|rising|goes up|pumps?|gains?|breaks?|tops?|exceeds?)\b/;
const CROSS = /\b(cross(es)?|hits?|reach(es)?|touch(es)?|at)\b/;
/** 51000, 51,000, 51k, 0.45, $60k. */
const LEVEL = /\$?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k)?\b(?!\s*%)/;
const PERCENT = /\b(\d+(?:\.\d+)?)\s*%/;
const REPEAT = /\b(every ?time|each time|whenever|repeat(ing|edly)?|always)\b/;
const ALL = /\b(all|every|each)\b|\balerts\b/;
const REFERS_BACK = /\b(it|its|that|this|those|these)\b/;
/** Numbers that are not levels: an indicator's own periods ("RSI 14", "the 200 EMA", "MACD 12 26 9"). */
const INDICATOR_PERIODS =
  /\b(rsi|ema|sma|ma|macd|atr|adx)[\s-]*\(?\d{1,3}(?:[\s,]+\d{1,3})*\)?|\b\d{1,3}[\s-]*(?:period|day)?[\s-]*(?:ema|sma|ma)\b/g;
const UNIT = '(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)';
/** Timeframes and spans ("on 15m", "in 4 hours"): not levels either. */
const SPANS = new RegExp(`\\b(\\d+)\\s*${UNIT}\\b`, 'g');
const WINDOW = new RegExp(
  `\\b(?:in|within|over|inside|during)\\s+(?:the\\s+)?(?:next\\s+|last\\s+|past\\s+)?(an?|one|\\d+)\\s*${UNIT}\\b`,
);
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const blank = (text: string, re: RegExp) => text.replace(re, (m) => ' '.repeat(m.length));

/** "in an hour" → 3,600,000. */
function windowOf(text: string): number | undefined {
  const m = WINDOW.exec(text);
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : 1;
  const unit = m[2]!.startsWith('m') ? 'm' : m[2]![0]!;
  return n > 0 ? n * UNIT_MS[unit]! : undefined;
}

/** The level named after the direction word ("RSI on 15m drops below 30": 30), else the first one. */
function levelOf(text: string, direction: RegExpExecArray | null): number | undefined {
  const plain = blank(blank(text, INDICATOR_PERIODS), SPANS);
  const after = direction ? LEVEL.exec(plain.slice(direction.index)) : null;
  const m = after ?? LEVEL.exec(plain);
  return m ? Number(m[1]!.replace(/,/g, '')) * (m[2] ? 1000 : 1) : undefined;
}

/**
 * Reads an alert question: `rest` is the lower-case question with its periods blanked out, `text`
 * the whole of it (a move's window may be one of those periods: "drops 5% in 24 hours").
 */
export function parseAlert(rest: string, text = rest): AlertRequest {
  const action = DELETE.test(rest) ? 'delete' : LIST.test(rest) ? 'list' : 'create';
  const request: AlertRequest = { action };
  if (action !== 'create') {
    if (ALL.test(rest)) request.all = true;
    if (REFERS_BACK.test(rest)) request.refersBack = true;
  } else if (REPEAT.test(rest)) request.repeat = true;
  const percent = PERCENT.exec(rest);
  if (percent) {
    const size = Number(percent[1]);
    request.percent = DOWN.test(rest) ? -size : size;
    const windowMs = windowOf(text);
    if (windowMs !== undefined) request.windowMs = windowMs;
    return request;
  }
  const down = DOWN.exec(rest);
  const up = UP.exec(rest);
  const cross = CROSS.exec(rest);
  const level = levelOf(rest, down ?? up ?? cross);
  if (level !== undefined) request.level = level;
  const direction = down ? 'below' : up ? 'above' : cross ? 'cross' : undefined;
  if (direction) request.direction = direction;
  return request;
}
