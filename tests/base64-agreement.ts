import fc from "fast-check";
import { decodeBase64, decodeBase64Portable, encodeBase64, encodeBase64Portable } from "../shared/encoding/base64.ts";

/** Text that is mostly base64, with the characters the decoders might treat differently. */
const base64ish = fc
  .array(fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= \n*é".split("")), {
    maxLength: 40,
  })
  .map((chars) => chars.join(""));

const outcome = (decode: () => Uint8Array) => {
  try {
    return Array.from(decode()).join(",");
  } catch (e) {
    return `throws ${(e as { code?: string }).code}`;
  }
};

/**
 * The platform's base64 (built-in or Buffer) agrees with the portable codec on every input:
 * same text for any bytes, same bytes or the same refusal for any text. Shared by the Node
 * suite (Buffer) and the workerd suite (Uint8Array.prototype.toBase64 / fromBase64).
 */
export function checkBase64Agreement(): void {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      if (encodeBase64(bytes) !== encodeBase64Portable(bytes)) throw new Error(`encode differs for ${bytes}`);
    }),
    { seed: 16, numRuns: 500 },
  );
  fc.assert(
    fc.property(base64ish, (text) => {
      const [fast, portable] = [
        outcome(() => decodeBase64(text, "/x")),
        outcome(() => decodeBase64Portable(text, "/x")),
      ];
      if (fast !== portable) throw new Error(`decode differs for ${JSON.stringify(text)}: ${fast} vs ${portable}`);
    }),
    { seed: 16, numRuns: 3000 },
  );
}
