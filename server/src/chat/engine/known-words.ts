/**
 * Every word the engine reads, so a word outside them is named instead of skipped: skipping it is
 * how "volume of SOL" once got the price. Content words carry meaning (a slip of one is corrected and
 * said so); filler words do not (a slip of one is corrected silently). Coins and tickers come from
 * symbol-words.ts and the market. A word the rules read must be listed here, or questions using it
 * are refused as not understood (the evaluation table shows it).
 */
const words = (text: string) => text.trim().split(/\s+/);

/** Words that only name a timeframe or a period: "BTC today" still asks nothing but BTC. */
export const SLOT_WORDS: ReadonlySet<string> = new Set(
  words(`
    minute minutes min mins hour hours hourly hr hrs day days daily week weeks weekly month months
    monthly chart charts timeframe tf quarter half
    today yesterday overnight midnight intraday session last past previous since tomorrow tonight
    soon weekend heute hoy oggi hoje aujourd'hui
  `),
);

/** Words of the intents, indicators, timeframes and periods, as the rules in *-words.ts match them. */
export const CONTENT_WORDS: ReadonlySet<string> = new Set([
  ...SLOT_WORDS,
  ...words(`
    price prices priced pricing cost costs trading trade trades traded worth quote quoted value rate
    preis kurs prix cours precio prezzo preco prijs cena wert valor cotizacion cotacao kostet cuesta
    vale costa combien cuanto quanto
    move moved moves moving movement change changed changes chg gain gained gains gaining lost loss
    losses lose losing drop dropped drops dropping fell fall falls falling fallen rose rise rises rising
    risen pump pumped pumping dump dumped dumping performance perform performed performing performer
    performers percent percentage return returns returned swing up down rally rallied tank tanked
    trend trends trending doing bullish bearish direction sentiment overview summary summarize summarise
    analysis analyze analyse momentum status look looks looking going buy sell long short hold holding
    technicals technical ta signals signal indicators indicator
    rsi macd ema emas sma smas ma moving average averages exponential simple bollinger bands band
    bbands bb atr true range stochastic stochastics stoch oscillator adx directional index dmi obv
    balance on-balance vwap weighted relative strength convergence
    overbought oversold overextended over-extended overheated stretched
    volume volumes vol turnover activity
    high highs low lows highest lowest open opening opened peak bottom
    candle candles candlestick candlesticks ohlc ohlcv bars bar kline klines
    strongest weakest best worst top biggest largest most least gainer gainers loser losers mover
    movers rank ranking ranked leaderboard volatile coins coin
    forecast forecasts forecasting predict prediction predictions predicted projection projected
    outlook expect expected expecting expectation target targets odds chance chances probability
    probabilities head heading headed end land gonna hit hits reach reaches break breaks moon next
    accuracy accurate track record scorecard calibrated calibration reliable reliability skill right
    risk risky risks safe safety danger dangerous anomaly anomalies unusual abnormal weird strange
    spike spikes volatility crash crashing manipulation manipulated red flag flags warning warnings
    support supports resistance resistances level levels floor floors ceiling ceilings pivot pivots
    key s/r fractal fractals bounce breakout
    compare comparison vs versus against outperform outperforming underperform underperforming
    stronger weaker better worse strong weak strength bull bear bulls bears histogram line
    happened happening golden death crossover crossed far distance
    close closed closes closing stop stops loss take profit
    explain explanation meaning mean means define definition stand stands read interpret calculate
    calculated calculation work works
    help menu commands examples example questions ask use ratio nearest closest
    alert alerts notify notification notifications ping remind reminder crosses cross crossing
    above below goes set create add delete remove cancel clear list
    alarm alarms repeat repeating repeatedly disable turn off dip dips dipping sink sinks exceed
    exceeds touch touches reach whenever everytime
    mae regime regimes hurst mean-reverting random walk credible confidence interval p(up)
    hi hello hey yo gm morning evening afternoon good thanks thank thx ty cheers appreciate
    appreciated great awesome nice cool perfect bye goodbye night later hiya howdy sup cya gn sure
    alright ya
  `),
]);

/** Grammar, politeness and chat filler: read, but meaning nothing to the engine on their own. */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  words(`
    a an the and or but so to of for in on at by with from into over under about as per
    is are was were be been being am do does did done have has had having get got
    i me my mine you your yours u ur we us our it its they them their he she his her
    this that these those there here what which who whom whose where when why how
    what's whats wat how's hows where's it's that's there's i'm i'd i'll i've you're don't doesn't
    isn't aren't can't won't let's
    can could would should will shall may might must please pls plz kindly if whether
    few couple anything something everything nothing using used asking time times way thing things
    every each once always within inside during
    just now right currently current rn atm real quick quickly
    ok okay yes yeah no not any some all much many more less very really quite bit little
    give show tell let see check know need want like think say also too well again then than
    same instead else other another still yet already ever only even around approx roughly exactly
    mate bro man guys fam sir dude there gimme wanna lemme r
    wie viel es est que
    one two three four five six seven eight nine ten twelve fifteen twenty thirty forty fifty hundred
    de du do der die das le la el il di des del
    market markets pair pairs crypto token tokens asset assets symbol symbols ticker
    usdt tether stablecoin
  `),
);
