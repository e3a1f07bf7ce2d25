import { InvalidInputError } from "../errors.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
DECODE["-".charCodeAt(0)] = 62; // base64url
DECODE["_".charCodeAt(0)] = 63;

/**
 * Standard base64 of arbitrary bytes, without the string-building cost of btoa over a
 * binary string (images here run to tens of megabytes).
 */
export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ALPHABET.charCodeAt(n >>> 18);
    out[o++] = ALPHABET.charCodeAt((n >>> 12) & 63);
    out[o++] = ALPHABET.charCodeAt((n >>> 6) & 63);
    out[o++] = ALPHABET.charCodeAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = ALPHABET.charCodeAt(n >>> 18);
    out[o++] = ALPHABET.charCodeAt((n >>> 12) & 63);
    out[o++] = rest === 2 ? ALPHABET.charCodeAt((n >>> 6) & 63) : 61; // "="
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}

/**
 * Decodes base64 or base64url, with or without padding; an optional `data:…;base64,` prefix
 * and whitespace are ignored. Anything else is an InvalidInputError at `pointer`.
 */
export function decodeBase64(text: string, pointer: string): Uint8Array {
  const comma = text.startsWith("data:") ? text.indexOf(",") : -1;
  const body = (comma >= 0 ? text.slice(comma + 1) : text).replace(/[\s=]+$/g, "").replace(/\s+/g, "");
  if (body.length % 4 === 1) throw new InvalidInputError(pointer, "is not valid base64 (bad length)");
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const v = code < 256 ? DECODE[code]! : -1;
    if (v < 0) throw new InvalidInputError(pointer, `is not valid base64 (character ${i})`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}
