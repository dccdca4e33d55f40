import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/**
 * Draws the app icons Teams requires (color 192×192, outline 32×32 white on transparent) as PNGs.
 * Run once with `npx tsx scripts/makeIcons.ts`; the PNGs are committed. The picture: a bold arrow
 * pointing right — customers moving on from E4.
 */

type Rgba = [number, number, number, number];

function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      const [r, g, b, a] = pixel(x, y);
      raw[offset] = r;
      raw[offset + 1] = g;
      raw[offset + 2] = b;
      raw[offset + 3] = a;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The arrow in unit coordinates (0..1): a shaft and a triangular head pointing right. */
function inArrow(u: number, v: number): boolean {
  const shaft = u >= 0.2 && u <= 0.58 && v >= 0.42 && v <= 0.58;
  const head = u >= 0.55 && u <= 0.82 && Math.abs(v - 0.5) <= (0.82 - u) * 1.1;
  return shaft || head;
}

const brand: Rgba = [0x2b, 0x57, 0x9a, 255];
const white: Rgba = [255, 255, 255, 255];
const clear: Rgba = [0, 0, 0, 0];

const color = png(192, (x, y) => (inArrow((x + 0.5) / 192, (y + 0.5) / 192) ? white : brand));
const outline = png(32, (x, y) => (inArrow((x + 0.5) / 32, (y + 0.5) / 32) ? white : clear));
writeFileSync(new URL('../manifest/color.png', import.meta.url), color);
writeFileSync(new URL('../manifest/outline.png', import.meta.url), outline);
