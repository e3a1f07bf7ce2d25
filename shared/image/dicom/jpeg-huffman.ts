import { CoreError } from "../../errors.ts";

export function jpegCorrupt(detail: string): never {
  throw new CoreError("corrupt-image", `JPEG ${detail}`);
}

/** A canonical Huffman table as the decoding procedure of ITU-T T.81 F.2.2.3 uses it. */
export interface HuffmanTable {
  /** Largest code of each length 1..16 (index = length), -1 when that length has no codes. */
  maxCode: Int32Array;
  /** Index into `values` of the first code of each length, minus that code. */
  valueOffset: Int32Array;
  values: Uint8Array;
}

/** Builds a table from the DHT counts per length (BITS) and symbols (HUFFVAL), T.81 annex C. */
export function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const valueOffset = new Int32Array(18);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1]!;
    if (n > 0) {
      valueOffset[length] = k - code;
      code += n;
      k += n;
      maxCode[length] = code - 1;
    }
    if (code > 1 << length) jpegCorrupt("Huffman table has more codes than its lengths allow");
    code <<= 1;
  }
  maxCode[17] = 0x7fffffff; // sentinel: a 17-bit code is always an error
  return { maxCode, valueOffset, values };
}

/**
 * Reads the entropy-coded segment bit by bit, removing stuffed zero bytes (0xFF00 -> 0xFF).
 * At a marker it stops and feeds zero bits, as decoders conventionally do; the caller checks
 * restart markers itself.
 */
export class BitReader {
  private bits = 0;
  private count = 0;
  markerHit = false;
  constructor(
    private readonly data: Uint8Array,
    public offset: number,
  ) {}

  private fill(): void {
    let byte = 0;
    if (!this.markerHit && this.offset < this.data.length) {
      byte = this.data[this.offset]!;
      if (byte === 0xff) {
        const next = this.data[this.offset + 1];
        if (next === 0) this.offset += 2;
        else {
          this.markerHit = true;
          byte = 0;
        }
      } else this.offset++;
    } else if (!this.markerHit) this.markerHit = true; // ran off the end: truncated data
    this.bits = byte;
    this.count = 8;
  }

  bit(): number {
    if (this.count === 0) this.fill();
    this.count--;
    return (this.bits >> this.count) & 1;
  }

  receive(length: number): number {
    let v = 0;
    for (let i = 0; i < length; i++) v = (v << 1) | this.bit();
    return v;
  }

  /** receive + EXTEND (T.81 F.2.2.1): a `length`-bit magnitude category to a signed value. */
  receiveExtend(length: number): number {
    if (length === 0) return 0;
    const v = this.receive(length);
    return v < 1 << (length - 1) ? v - (1 << length) + 1 : v;
  }

  decode(table: HuffmanTable): number {
    let code = this.bit();
    let length = 1;
    while (code > table.maxCode[length]!) {
      code = (code << 1) | this.bit();
      if (++length > 16) jpegCorrupt("invalid Huffman code");
    }
    const index = table.valueOffset[length]! + code;
    if (index < 0 || index >= table.values.length) jpegCorrupt("Huffman code outside its table");
    return table.values[index]!;
  }

  /** Drops leftover bits and moves past an RSTn marker (T.81 E.1.4); false when none is there. */
  restart(): boolean {
    this.count = 0;
    this.markerHit = false;
    const d = this.data;
    while (this.offset < d.length - 1 && d[this.offset] === 0xff && d[this.offset + 1] === 0xff) this.offset++;
    if (
      this.offset < d.length - 1 &&
      d[this.offset] === 0xff &&
      d[this.offset + 1]! >= 0xd0 &&
      d[this.offset + 1]! <= 0xd7
    ) {
      this.offset += 2;
      return true;
    }
    return false;
  }
}
