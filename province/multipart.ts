/**
 * A small multipart/form-data reader (RFC 7578) for the simulated province's file uploads:
 * fields as text, files as bytes. Bounded by the caller's body limit.
 * Layer: province (node).
 */
export interface MultipartPart {
  name: string;
  filename: string | null;
  contentType: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** Splits the body into its parts; throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delim = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delim);
  if (pos < 0) throw new Error('no boundary');
  for (;;) {
    pos += delim.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') throw new Error('bad delimiter');
    pos += 2;
    const headEnd = body.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw new Error('no header end');
    const head = body.subarray(pos, headEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next < 0) throw new Error('no closing boundary');
    const data = body.subarray(headEnd + 4, next);
    let name: string | null = null;
    let filename: string | null = null;
    let contentType = 'text/plain';
    for (const line of head.split('\r\n')) {
      const [k = '', ...rest] = line.split(':');
      const v = rest.join(':').trim();
      if (k.toLowerCase() === 'content-disposition') {
        name = /\bname="([^"]*)"/.exec(v)?.[1] ?? null;
        filename = /\bfilename="([^"]*)"/.exec(v)?.[1] ?? null;
      } else if (k.toLowerCase() === 'content-type') contentType = v;
    }
    if (name === null) throw new Error('a part without a name');
    parts.push({ name, filename, contentType, data: Buffer.from(data) });
    pos = next + 2;
  }
  return parts;
}
