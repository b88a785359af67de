/**
 * Just enough PNG decoding to count pixels in a browser screenshot (8-bit RGB or RGBA, not
 * interlaced: what Chromium writes), so a benchmark can judge what was drawn by pixels alone.
 */
import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** Bytes per pixel: 3 (RGB) or 4 (RGBA). */
  channels: number;
  data: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(png: Buffer): Pixels {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
        throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  return {
    width,
    height,
    channels,
    data: unfilter(inflateSync(Buffer.concat(idat)), width, height, channels),
  };
}

/** Undoes PNG's per-row filters (none, sub, up, average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[row + x] = (raw[src + x]! + predicted) & 0xff;
    }
  }
  return out;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How many pixels of `region` (all of the image by default) are within `tolerance` per channel of each `#rrggbb` colour. */
export function countColours(
  pixels: Pixels,
  colours: readonly string[],
  region: Region = { x: 0, y: 0, width: pixels.width, height: pixels.height },
  tolerance = 12,
): number[] {
  const targets = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
  const counts = targets.map(() => 0);
  const { data, channels, width } = pixels;
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(width, Math.ceil(region.x + region.width));
  const y1 = Math.min(pixels.height, Math.ceil(region.y + region.height));
  for (let y = y0; y < y1; y++) {
    for (let i = (y * width + x0) * channels, end = (y * width + x1) * channels; i < end; i += channels) {
      for (let k = 0; k < targets.length; k++) {
        const [r, g, b] = targets[k]!;
        if (
          Math.abs(data[i]! - r!) < tolerance &&
          Math.abs(data[i + 1]! - g!) < tolerance &&
          Math.abs(data[i + 2]! - b!) < tolerance
        )
          counts[k]!++;
      }
    }
  }
  return counts;
}
