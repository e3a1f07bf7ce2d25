export type StoredArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** The smallest typed array that holds `bitsStored`-bit values of the given signedness. */
export function allocateStored(bitsStored: number, signed: boolean, length: number): StoredArray {
  if (bitsStored <= 8) return signed ? new Int8Array(length) : new Uint8Array(length);
  if (bitsStored <= 16) return signed ? new Int16Array(length) : new Uint16Array(length);
  return signed ? new Int32Array(length) : new Uint32Array(length);
}

/**
 * Copies decoded samples into stored values: keeps the low `bitsStored` bits (after `shift`)
 * and sign-extends them when `signed` (PS3.5 section 8.1.1). `read(i)` gives sample i's raw bits.
 */
export function toStored(
  read: (i: number) => number,
  length: number,
  bitsStored: number,
  signed: boolean,
  shift = 0,
): StoredArray {
  const out = allocateStored(bitsStored, signed, length);
  const mask = bitsStored >= 32 ? 0xffffffff : 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  const range = 2 ** bitsStored;
  for (let i = 0; i < length; i++) {
    const v = bitsStored >= 32 && shift === 0 ? read(i) >>> 0 : (read(i) >>> shift) & mask;
    const u = v >>> 0;
    out[i] = signed && u >= signBit ? u - range : u;
  }
  return out;
}

/** A reader over little- or big-endian samples of 1, 2 or 4 bytes. */
export function byteReader(bytes: Uint8Array, bytesPerSample: number, littleEndian: boolean): (i: number) => number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytesPerSample === 1) return (i) => bytes[i]!;
  if (bytesPerSample === 2) return (i) => view.getUint16(2 * i, littleEndian);
  return (i) => view.getUint32(4 * i, littleEndian);
}
