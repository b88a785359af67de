/**
 * What traders call the assets they search for by name ("solana", "usd coin"). Exchanges' public
 * market lists carry codes only, so the names of the widely traded ones are kept here; an asset not
 * listed is found by its code alone.
 */
const NAMES = `BTC Bitcoin, ETH Ethereum, BNB BNB, SOL Solana, XRP XRP, ADA Cardano, DOGE Dogecoin,
  DOT Polkadot, UNI Uniswap, LTC Litecoin, LINK Chainlink, BCH Bitcoin Cash, MATIC Polygon,
  POL Polygon, XLM Stellar, ETC Ethereum Classic, VET VeChain, THETA Theta Network, TRX TRON,
  FIL Filecoin, EOS EOS, AAVE Aave, XMR Monero, ATOM Cosmos, NEO NEO, AVAX Avalanche,
  ALGO Algorand, XTZ Tezos, MKR Maker, KSM Kusama, COMP Compound, DASH Dash, ZEC Zcash,
  EGLD MultiversX, CAKE PancakeSwap, HBAR Hedera, NEAR NEAR Protocol, ICP Internet Computer,
  SUSHI SushiSwap, SNX Synthetix, YFI yearn.finance, GRT The Graph, CHZ Chiliz, ENJ Enjin Coin,
  MANA Decentraland, SAND The Sandbox, BAT Basic Attention Token, ZIL Zilliqa, ONE Harmony,
  HOT Holo, RVN Ravencoin, QTUM Qtum, ICX ICON, ONT Ontology, ZRX 0x Protocol, OMG OMG Network,
  WAVES Waves, KAVA Kava, RUNE THORChain, 1INCH 1inch, CRV Curve DAO, BAL Balancer, REN Ren,
  KNC Kyber Network, STORJ Storj, ANKR Ankr, CELR Celer Network, FET Fetch.ai, IOTA IOTA, NANO Nano,
  SC Siacoin, DGB DigiByte, XEM NEM, LRC Loopring, OCEAN Ocean Protocol, BAND Band Protocol,
  COTI COTI, CHR Chromia, ALICE My Neighbor Alice, AXS Axie Infinity, SLP Smooth Love Potion,
  FTM Fantom, S Sonic, CELO Celo, AR Arweave, GALA Gala, SHIB Shiba Inu, PEPE Pepe, APT Aptos,
  ARB Arbitrum, OP Optimism, INJ Injective, SUI Sui, SEI Sei, TIA Celestia, WLD Worldcoin,
  JUP Jupiter, PYTH Pyth Network, BONK Bonk, WIF dogwifhat, FLOKI Floki, TON Toncoin,
  PENDLE Pendle, LDO Lido DAO, STX Stacks, IMX Immutable, RENDER Render, RNDR Render, FLOW Flow,
  LUNA Terra, LUNC Terra Classic, FTT FTX Token, USDT Tether, USDC USD Coin, FDUSD First Digital USD,
  TUSD TrueUSD, DAI Dai, BUSD Binance USD, EUR Euro, USD US Dollar, GBP British Pound, TRY Turkish Lira,
  BRL Brazilian Real, JPY Japanese Yen, AUD Australian Dollar, WBTC Wrapped Bitcoin, TAO Bittensor,
  ENA Ethena, ONDO Ondo, JTO Jito, TRUMP Official Trump, HYPE Hyperliquid, KAS Kaspa, XAUT Tether Gold,
  PAXG PAX Gold, QNT Quant, HNT Helium, GMX GMX, DYDX dYdX, BLUR Blur, MINA Mina,
  ROSE Oasis Network, ZK ZKsync, STRK Starknet, MANTA Manta Network, ORDI ORDI, SATS SATS,
  NOT Notcoin, BOME Book of Meme, W Wormhole, ETHFI ether.fi, EIGEN EigenLayer, VIRTUAL Virtuals Protocol`;

export const ASSET_NAMES: ReadonlyMap<string, string> = new Map(
  NAMES.split(',').map((entry) => {
    const [code = '', ...name] = entry.trim().split(/\s+/);
    return [code, name.join(' ')];
  }),
);
