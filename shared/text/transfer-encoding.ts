/**
 * MIME content-transfer-encodings (RFC 2045 §6) decoded to bytes. Both are lenient, as mail
 * readers are: a malformed escape or a stray character is kept or skipped, never an error.
 */

/** Quoted-printable: "=" at a line end is a soft break, "=XX" one byte (lower-case hex accepted). */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const out: number[] = [];
  const s = text.replace(/=[ \t]*\r?\n/g, "");
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else pushUtf8(out, s.codePointAt(i)!, () => i++);
  }
  return Uint8Array.from(out);
}

const ENCODER = new TextEncoder();

// Characters already outside ASCII (8-bit text decoded by the sender) are kept as their UTF-8 bytes.
function pushUtf8(out: number[], cp: number, skipLow: () => void): void {
  if (cp < 0x80) out.push(cp);
  else {
    if (cp > 0xffff) skipLow();
    out.push(...ENCODER.encode(String.fromCodePoint(cp)));
  }
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) VALUE[BASE64.charCodeAt(i)] = i;

/** Base64: characters outside the alphabet (line breaks, padding) are skipped. */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/**
 * Text that was quoted-printable encoded but did not say so (a body without its headers, or a
 * sender that left out Content-Transfer-Encoding): at least two signs among soft line breaks,
 * escapes of the characters QP must escape ("=3D" for "=", "=20"/"=09" before a line end) and
 * escapes of 8-bit bytes ("=E9"). "=" followed by digits is no sign: URLs are full of "?o=315".
 */
export function looksQuotedPrintable(body: string): boolean {
  const softBreaks = body.match(/[^=\n]=\r?\n/g)?.length ?? 0; // not a "=====" rule
  const escapes = body.match(/=(?:3D|20|09|[89A-F][0-9A-F])/g)?.length ?? 0;
  return softBreaks + escapes >= 2;
}
