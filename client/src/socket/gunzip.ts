import type { Gunzip } from '../../../shared/snapshot.ts';

/** The browser's own gzip decoder (DecompressionStream): nothing added to the bundle. */
export const gunzip: Gunzip = (bytes) =>
  new Response(
    new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')),
  ).text();
