/**
 * Writes an EXIF Orientation tag into a JPEG (ImageMagick 6 keeps `-orient` only in an EXIF profile the
 * picture already has; ours are made from raw pixels, so the APP1 segment is built here): "Exif\0\0",
 * a big-endian TIFF header and one IFD with tag 0x0112, placed after the JFIF APP0 segment.
 */
export const ORIENTATION = { RightTop: 6, LeftBottom: 8, BottomRight: 3 } as const;

export function withOrientation(jpeg: Buffer, value: number): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, value, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  let at = 2;
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0) at = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, at), seg, jpeg.subarray(at)]);
}

/** The Orientation value in a JPEG's EXIF, or undefined (for the tests). */
export function readOrientation(jpeg: Buffer): number | undefined {
  let i = 2;
  while (i + 4 < jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    const len = jpeg.readUInt16BE(i + 2);
    if (marker === 0xe1 && jpeg.toString('latin1', i + 4, i + 10) === 'Exif\0\0') {
      const t = i + 10;
      const be = jpeg[t] === 0x4d;
      const u16 = (o: number) => (be ? jpeg.readUInt16BE(t + o) : jpeg.readUInt16LE(t + o));
      const u32 = (o: number) => (be ? jpeg.readUInt32BE(t + o) : jpeg.readUInt32LE(t + o));
      const ifd = u32(4);
      for (let k = 0; k < u16(ifd); k++) if (u16(ifd + 2 + k * 12) === 0x0112) return u16(ifd + 2 + k * 12 + 8);
      return undefined;
    }
    if (marker === 0xda) return undefined;
    i += 2 + len;
  }
  return undefined;
}
