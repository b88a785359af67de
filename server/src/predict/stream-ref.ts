/** A stream as the prediction tables key it: the source too, since one database may serve several. */
export interface StreamRef {
  source: string;
  symbol: string;
  timeframe: string;
}
