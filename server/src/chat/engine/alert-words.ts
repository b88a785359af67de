/** What an alert question asks for: the alerts themselves come in their own answer module. */
export interface AlertRequest {
  action: 'create' | 'list' | 'delete';
  /** Crossing a price: above, below, or either way. */
  direction?: 'above' | 'below' | 'cross';
  /** The price level, in the quote currency. */
  level?: number;
  /** A move of this many percent ("drops 5%"), signed: negative for a drop. */
  percent?: number;
}

const DELETE = /\b(delete|remove|cancel|clear|stop|disable|turn off)\b/;
const LIST = /\b(list|show|what|which|view|see|my|any|active|current)\b.*\balerts\b|^alerts\??$/;
const DOWN = /\b(below|under|drops?|dropping|falls?|falling|dips?|dumps?|goes down|sinks?|loses)\b/;
const UP = /\b(above|over|rises?|rising|goes up|pumps?|gains?|breaks?|tops?|exceeds?)\b/;
const CROSS = /\b(cross(es)?|hits?|reach(es)?|touch(es)?|at)\b/;
/** 51000, 51,000, 51k, 0.45, $60k. */
const LEVEL = /\$?\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k)?\b(?!\s*%)/;
const PERCENT = /\b(\d+(?:\.\d+)?)\s*%/;

/** Reads an alert question (lower case, with its timeframes and periods blanked out). */
export function parseAlert(text: string): AlertRequest {
  if (DELETE.test(text)) return { action: 'delete' };
  if (LIST.test(text)) return { action: 'list' };
  const request: AlertRequest = { action: 'create' };
  const percent = PERCENT.exec(text);
  if (percent) {
    const size = Number(percent[1]);
    request.percent = DOWN.test(text) ? -size : size;
    return request;
  }
  const level = LEVEL.exec(text);
  if (level) request.level = Number(level[1]!.replace(/,/g, '')) * (level[2] ? 1000 : 1);
  request.direction = DOWN.test(text)
    ? 'below'
    : UP.test(text)
      ? 'above'
      : CROSS.test(text)
        ? 'cross'
        : undefined;
  if (request.direction === undefined) delete request.direction;
  return request;
}
