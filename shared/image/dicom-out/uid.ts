/**
 * A new UID under the 2.25 root: "2.25." + a random 128-bit number in decimal (PS3.5 B.2,
 * ISO/IEC 9834-8). Drawn from crypto.getRandomValues (Node 20 and workerd), not from the
 * simulation's seeded generator: every derived instance must be unique, even for one seed.
 */
export function newUid(): string {
  const bytes = new Uint8Array(16);
  (globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }).crypto.getRandomValues(bytes);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4, as a UUID
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return `2.25.${n.toString()}`;
}

/** This implementation's class UID (a fixed 2.25 UID, PS3.7 D.3.3.2). */
export const IMPLEMENTATION_CLASS_UID = "2.25.215386394624735911846185931738449281126";

export const SECONDARY_CAPTURE_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";
