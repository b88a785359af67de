import type { MarketSource } from './port.ts';

/** A decorator of the market port: passes everything through; subclasses override what they change. */
export class DelegatingSource implements MarketSource {
  constructor(protected readonly inner: MarketSource) {}

  get info() {
    return this.inner.info;
  }
  get fetchTimeframes() {
    return this.inner.fetchTimeframes;
  }
  get watchTimeframes() {
    return this.inner.watchTimeframes;
  }
  loadSymbols(...args: Parameters<MarketSource['loadSymbols']>) {
    return this.inner.loadSymbols(...args);
  }
  fetchCandles(...args: Parameters<MarketSource['fetchCandles']>) {
    return this.inner.fetchCandles(...args);
  }
  watchCandles(...args: Parameters<MarketSource['watchCandles']>) {
    return this.inner.watchCandles(...args);
  }
  close() {
    return this.inner.close();
  }
}
