/**
 * Decoded bytes to text by the part's declared charset. UTF-8 through TextDecoder (replacement
 * characters for bad bytes); every other charset, and UTF-8 that does not decode, as
 * ISO-8859-1 (one byte, one character): the same in Node and workerd, whose TextDecoder
 * may not know legacy labels, and right for the Latin-1 / ASCII mail most of the corpus is.
 */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? "").trim().toLowerCase();
  if (label === "utf-8" || label === "utf8" || label === "") {
    try {
      return utf8.decode(bytes);
    } catch {
      // not UTF-8 after all: fall through to one byte per character
    }
  }
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}
