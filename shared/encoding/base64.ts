import { InvalidInputError } from "../errors.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
DECODE["-".charCodeAt(0)] = 62; // base64url
DECODE["_".charCodeAt(0)] = 63;

/**
 * Standard base64 of arbitrary bytes, without the string-building cost of btoa over a
 * binary string (images here run to tens of megabytes). The portable fallback of encodeBase64.
 */
export function encodeBase64Portable(bytes: Uint8Array): string {
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

/** The body after an optional `data:…;base64,` prefix. */
function stripDataUrl(text: string): string {
  const comma = text.startsWith("data:") ? text.indexOf(",") : -1;
  return comma >= 0 ? text.slice(comma + 1) : text;
}

/**
 * Decodes base64 or base64url, with or without padding; an optional `data:…;base64,` prefix
 * and whitespace are ignored. Anything else is an InvalidInputError at `pointer`.
 * The portable fallback of decodeBase64, and the one that explains what is wrong.
 */
export function decodeBase64Portable(text: string, pointer: string): Uint8Array {
  const body = stripDataUrl(text)
    .replace(/[\s=]+$/g, "")
    .replace(/\s+/g, "");
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

// The platform's own codecs: Uint8Array.prototype.toBase64 / Uint8Array.fromBase64 (TC39, in
// V8 builds that ship it) or Node's Buffer. Measured in workerd on 20 MB: the hand-written loop
// took ~100 times as long as the built-in (issue 16).
interface Base64Builtins {
  toBase64?: (this: Uint8Array) => string;
  fromBase64?: (text: string, options: { alphabet: "base64" | "base64url" }) => Uint8Array;
}
interface NodeBufferLike {
  from(data: ArrayBufferLike, offset: number, length: number): { toString(encoding: "base64"): string };
  from(text: string, encoding: "base64"): Uint8Array;
}
const toBase64 = (Uint8Array.prototype as Base64Builtins).toBase64;
const fromBase64 = (Uint8Array as Base64Builtins).fromBase64;
const NodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
/** What Buffer decodes exactly as the portable decoder does (it skips other characters silently). */
const PLAIN_BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Which implementation serves this platform (reported by tests and benchmarks). */
export function base64Implementation(): "builtin" | "buffer" | "portable" {
  return typeof toBase64 === "function" && typeof fromBase64 === "function"
    ? "builtin"
    : NodeBuffer
      ? "buffer"
      : "portable";
}

export function encodeBase64(bytes: Uint8Array): string {
  if (typeof toBase64 === "function") return toBase64.call(bytes);
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  return encodeBase64Portable(bytes);
}

/**
 * decodeBase64Portable's contract, by the platform's decoder when it accepts the text; anything
 * it refuses goes to the portable decoder, which decodes what is valid and names what is not.
 */
export function decodeBase64(text: string, pointer: string): Uint8Array {
  const body = stripDataUrl(text);
  if (typeof fromBase64 === "function") {
    try {
      const url = body.includes("-") || body.includes("_");
      return fromBase64(body, { alphabet: url ? "base64url" : "base64" });
    } catch {
      return decodeBase64Portable(text, pointer);
    }
  }
  let end = body.length;
  while (end > 0 && body.charCodeAt(end - 1) === 61) end--; // "=" padding
  if (NodeBuffer && end % 4 !== 1 && PLAIN_BASE64.test(body)) {
    const bytes = NodeBuffer.from(body, "base64");
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return decodeBase64Portable(text, pointer);
}
