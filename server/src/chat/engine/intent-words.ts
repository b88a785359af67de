import type { ChatIntent } from '../../../../shared/chat-answer.ts';

/** What the words of a question say, before context fills the gaps. */
export interface QuestionWords {
  text: string;
  symbols: number;
  hasIndicator: boolean;
  /** The indicator named, if any: "on-balance volume" is an indicator, not a volume question. */
  indicator?: string;
  hasTopic: boolean;
  hasPeriod: boolean;
}

const HELP =
  /^(help|\/help|\?+|menu|commands|examples?)\b|\bwhat (can|do) (you|i) (do|ask|know)\b|\bhow (do i|to|can i) use (this|you|it)\b|\bwhat are you\b|\bhelp me\b|\bwhat questions\b/;
const EXPLAIN_CUE =
  /\b(explain\w*|meaning|mean|means|define|definition|stand for|stands for|tell me about|how (do|does|should|to|can) (i |you |we )?(read|use|interpret|calculate|trade)\w*|how is .{1,30} calculated|what does)\b/;
/** "what is RSI" asks what it is; "what is the RSI" asks for its value. */
const WHAT_IS = /\bwhat(’|')?s\b(?!\s+the\b)|\bwhat (is|are)\b(?!\s+the\b)|\bwhat is an?\b/;
/** "Alert me when…", "notify me if…", "my alerts": alerts, whatever else the sentence holds. */
export const ALERT =
  /\b(alerts?|alarms?|notify|notifications?|ping me|remind me|let me know (when|if)|tell me (when|if)|wake me)\b/;
const SUPERLATIVE = /\b(strongest|weakest|best|worst|top|biggest|largest|most|least|highest|lowest)\b/;
const RANK_SUBJECT =
  /\b(which|coins?|tokens?|pairs?|symbols?|gainers?|losers?|movers?|performers?|performing|volatile|volume|pump\w*|dump\w*|mov(ed|ing|es|er)|gain\w*|rising|falling)\b/;
const RANK_WORD =
  /\b(rank\w*|leaderboard|top (gainers?|losers?|movers?|performers?)|compare (all|every)\w*|all (the )?(coins|symbols|pairs)|(the|whole) markets?( overview)?|market overview)\b/;
const VOLUME = /\b(volumes?|vol|turnover|traded|trading activity)\b/;
export const OVERBOUGHT = /\b(overbought|oversold|over[\s-]?extended|overheated|stretched)\b/;
const CANDLES = /\b(candles?|candlesticks?|ohlcv?|klines?|bars?)\b/;
const RANGE = /\b(highs?|lows?|highest|lowest|open|opening|opened)\b/;
/** "Where did it close?", "the weekly close": the last candles show their closes. */
const CLOSES = /\b(close[sd]?|closing)\b/;
/** Where to put a stop or take profit: the levels answer gives the supports and resistances. */
const STOPS = /\bstop[\s-]?loss(es)?\b|\btake[\s-]?profits?\b|\bstops?\b/;
const COMPARE =
  /\b(compare\w*|comparison|vs\.?|versus|against|relative to|outperform\w*|underperform\w*|stronger|weaker|better|which (one|is|coin))\b/;
export const TRACK_RECORD =
  /\b(accura\w*|track record|hit rate|scorecard|calibrat\w*|reliab\w*|skill|been right|how (good|right|well|often) (are|is|have|were|do)\b.{0,30}\b(forecasts?|predictions?|you|model))/;
const FORECAST = new RegExp(
  [
    /\b(forecast\w*|predict\w*|projection|projected|outlook|expect\w*|price targets?|targets?|odds|chances?|probabilit\w*|p\(up\))/
      .source,
    /\bwhere (will|is|does|do you think)\b.{0,40}\b(go|going|head\w*|be|end up|land)\b/.source,
    /\b(going to|gonna|will)\b.{0,25}\b(go up|go down|rise|fall|drop|pump|dump|hit|reach|break|moon)\b/
      .source,
    /\bnext (few |couple of )?(\d+ )?(hours?|days?|candles?|minutes?)\b/.source,
    /\bhow (high|low|far) (can|will|could|might)\b/.source,
    /\b(tomorrow|tonight|next week)\b/.source,
    TRACK_RECORD.source,
  ].join('|'),
);
const RISK =
  /\b(risk\w*|safe|safety|danger\w*|anomal\w*|unusual|abnormal|weird|strange|spikes?|volatil\w*|crash\w*|manipulat\w*|red flags?|warnings?)\b/;
const LEVELS =
  /\b(supports?|resistances?|levels?|floors?|ceilings?|pivots?|key (prices?|levels?)|s\/r|fractals?|bounce from|break ?out (level|point))\b/;
const CHANGE =
  /\b(move[ds]?|moving|change[ds]?|chg|gain(ed|s)?|lost|loss|los(e|ing)|drop(ped)?|fell|fallen|rose|risen|pump(ed|ing)?|dump(ed|ing)?|happened|performance|perform(ed|ing)?|up or down|down or up|percent|return(s|ed)?|swing)\b|%/;
const UP_OR_DOWN = /\b(is|are)\b.{1,20}\b(up|down)\b/;
const TREND =
  /\b(trend\w*|doing|bullish|bearish|bull|bear|direction|sentiment|overview|summary|summari[sz]e|analy[sz]\w*|momentum|status|look(s|ing)?|going on|happening|what'?s up with|should i (buy|sell|long|short|hold)|(good|right|bad) (time|moment) to (buy|sell)|(buy|sell) now|buy or sell|(buy|sell) or hold|hold or (buy|sell)|keep holding|long or short|technicals?|ta|indicators|signals?|tell me about|how(’|')?s|how is)\b/;
const PRICE =
  /\b(price[sd]?|pricing|preis|kurs|prix|cours|precio|prezzo|preco|prijs|cena|wert|valor|cotizacion|cotacao|kostet|cuesta|vale|costa|combien|cuanto|quanto|cost|costs|trading at|trades at|worth|quote|how much is|how much for|value of|at right now|rate)\b|\bat\s*\?*$/;
/** Words that make a short question a follow-up of the last one. */
export const FOLLOW_UP =
  /^(and|what about|how about|same for|same on|now for|now on|also|then|ok|okay|for|on|in)\b|\b(too|as well|instead|again)\b/;

/**
 * The intent the words alone express, or undefined when they are not enough (a bare "and ETH?").
 * Rules run from the most specific to the most general; the first that matches wins.
 */
export function intentFromWords(w: QuestionWords): ChatIntent | undefined {
  const t = w.text;
  if (w.symbols === 0 && !w.hasIndicator && HELP.test(t)) return 'help';
  if (ALERT.test(t)) return 'alert';
  if ((w.hasIndicator || w.hasTopic) && (EXPLAIN_CUE.test(t) || (WHAT_IS.test(t) && w.symbols === 0)))
    return 'explain';
  if (w.symbols === 0 && ((SUPERLATIVE.test(t) && RANK_SUBJECT.test(t)) || RANK_WORD.test(t)))
    return 'ranking';
  if (w.symbols >= 2 && (COMPARE.test(t) || /\bor\b/.test(t))) return 'compare';
  if (VOLUME.test(t) && w.indicator !== 'obv' && w.indicator !== 'vwap') return 'volume';
  // "against its average" compares a figure with its own history, not two coins.
  const vsAverage = /\b(vs\.?|versus|against)\s+(the |its )?(average|avg|normal|usual)\b/;
  if (/\bcompare\w*\b|\b(vs\.?|versus)\b/.test(t.replace(vsAverage, ''))) return 'compare';
  if (OVERBOUGHT.test(t)) return 'overbought';
  if (CANDLES.test(t) && !/\bnext\b/.test(t)) return 'candles';
  if (FORECAST.test(t)) return 'forecast';
  if (RISK.test(t)) return 'risk';
  if (LEVELS.test(t)) return 'levels';
  if (STOPS.test(t)) return 'levels';
  if (w.hasIndicator) return 'indicator';
  if (RANGE.test(t)) return 'range';
  if (CLOSES.test(t)) return 'candles';
  // Two coins in a general question ("how are BTC and ETH doing?") are best answered side by side.
  if (w.symbols >= 2) return 'compare';
  // A period alone ("and this week?") continues the last question; with a coin it asks the move.
  if ((w.hasPeriod && w.symbols > 0) || CHANGE.test(t)) return 'change';
  if (TREND.test(t)) return 'trend';
  if (UP_OR_DOWN.test(t)) return 'change';
  if (PRICE.test(t)) return 'price';
  return undefined;
}
