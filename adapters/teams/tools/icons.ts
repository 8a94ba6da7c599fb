/**
 * Draws the Teams app icons (run once; the PNGs are committed): `color.png` 192×192 (white check
 * mark on kakunin red) and `outline.png` 32×32 (white check mark on transparent), as Teams asks.
 * Usage: npx tsx adapters/teams/tools/icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { crc32 } from './zip.ts';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const distToSegment = (px: number, py: number, ax: number, ay: number, bx: number, by: number) => {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
};

/** Coverage (0..1) of a check mark in a unit square, antialiased by distance. */
function check(u: number, v: number, stroke: number, px: number): number {
  const d = Math.min(distToSegment(u, v, 0.24, 0.52, 0.43, 0.7), distToSegment(u, v, 0.43, 0.7, 0.78, 0.3));
  return Math.max(0, Math.min(1, (stroke - d) / px + 0.5));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(import.meta.dirname, '../appPackage');
  const color = png(192, (x, y) => {
    const a = check((x + 0.5) / 192, (y + 0.5) / 192, 0.07, 1 / 192);
    const bg = [198, 40, 40];
    return [Math.round(bg[0]! + (255 - bg[0]!) * a), Math.round(bg[1]! + (255 - bg[1]!) * a), Math.round(bg[2]! + (255 - bg[2]!) * a), 255];
  });
  const outline = png(32, (x, y) => [255, 255, 255, Math.round(255 * check((x + 0.5) / 32, (y + 0.5) / 32, 0.08, 1 / 32))]);
  fs.writeFileSync(path.join(dir, 'color.png'), color);
  fs.writeFileSync(path.join(dir, 'outline.png'), outline);
  console.log(`wrote ${path.join(dir, 'color.png')} and outline.png`);
}
