import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, crc32, encodePng, pngDataUrl, zlibStored } from '../../src/export/png.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The chunks of a PNG: type, data, and whether the stored CRC matches. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array; crcOk: boolean }[] {
  const view = new DataView(png.buffer, png.byteOffset);
  const out = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    out.push({ type, data, crcOk: view.getUint32(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

describe('the PNG encoder', () => {
  it('computes the standard CRC-32 and Adler-32 check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(adler32(ascii('Wikipedia'))).toBe(0x11e60398);
  });

  it('writes zlib streams that zlib inflates back, across several stored blocks', () => {
    const data = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 7) % 251);
    expect(new Uint8Array(inflateSync(zlibStored(data)))).toEqual(data);
    expect(new Uint8Array(inflateSync(zlibStored(new Uint8Array(0))))).toEqual(new Uint8Array(0));
  });

  it('encodes an RGBA image with a valid signature, header, CRCs and pixel rows', () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const png = encodePng(rgba, 3, 2);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(parts.every((c) => c.crcOk)).toBe(true);
    const header = new DataView(parts[0].data.buffer, parts[0].data.byteOffset);
    expect([header.getUint32(0), header.getUint32(4), ...parts[0].data.subarray(8)]).toEqual([3, 2, 8, 6, 0, 0, 0]);
    const raw = new Uint8Array(inflateSync(parts[1].data));
    expect(raw).toEqual(Uint8Array.from([0, ...rgba.subarray(0, 12), 0, ...rgba.subarray(12)]));
  });

  it('refuses a buffer of the wrong size and makes a data: URL', () => {
    expect(() => encodePng(new Uint8Array(5), 1, 1)).toThrow(/5 bytes/);
    expect(pngDataUrl(new Uint8Array(4), 1, 1)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
