import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countColours, decodePng } from './png-pixels.ts';

/** A PNG whose row `y` uses filter `y % 5` (none, sub, up, average, Paeth); CRCs left at zero. */
function encodePng(
  width: number,
  height: number,
  channels: 3 | 4,
  pixel: (x: number, y: number) => number[],
) {
  const stride = width * channels;
  const image = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) image.set(pixel(x, y), y * stride + x * channels);
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : image[y * stride + x]!);
  const paeth = (a: number, b: number, c: number) => {
    const p = a + b - c;
    const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  };
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const [a, b, c] = [at(x - channels, y), at(x, y - 1), at(x - channels, y - 1)];
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
      raw[y * (stride + 1) + 1 + x] = (at(x, y) - predicted) & 0xff;
    }
  }
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Candle green on the left half, red on the right, a gradient in the top rows to exercise the filters.
const picture = (x: number, y: number) =>
  y < 3 ? [x * 9, y * 40, 200] : x < 8 ? [0x26, 0xa6, 0x9a] : [0xef, 0x53, 0x50];

describe('decodePng', () => {
  it.each([3, 4] as const)('decodes every filter type with %i channels', (channels) => {
    const png = encodePng(16, 10, channels, (x, y) => [...picture(x, y), 255].slice(0, channels));
    const pixels = decodePng(png);
    expect(pixels).toMatchObject({ width: 16, height: 10, channels });
    for (const [x, y] of [
      [0, 0],
      [15, 2],
      [3, 5],
      [12, 9],
    ] as const)
      expect([...pixels.data.subarray((y * 16 + x) * channels, (y * 16 + x) * channels + 3)]).toEqual(
        picture(x, y),
      );
  });

  it('counts colours within a region', () => {
    const pixels = decodePng(encodePng(16, 10, 4, (x, y) => [...picture(x, y), 255]));
    expect(countColours(pixels, ['#26a69a', '#ef5350'])).toEqual([8 * 7, 8 * 7]);
    expect(countColours(pixels, ['#26a69a', '#ef5350'], { x: 0, y: 5, width: 4, height: 5 })).toEqual([
      20, 0,
    ]);
  });

  it('refuses what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(/not a PNG/);
  });
});
