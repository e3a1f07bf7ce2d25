/**
 * A minimal protocol-buffers encoder (proto3 wire format: varint, 32-bit and length-delimited
 * fields), enough to write ONNX ModelProto without a code generator. Messages are built
 * inside-out: a nested message is encoded first and then written as length-delimited bytes.
 */
const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

const encoder = new TextEncoder();

export class ProtoWriter {
  #chunks: number[] = [];

  /** Unsigned varint of a non-negative safe integer (int64 fields hold our dims and versions). */
  #varint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`varint ${value} is not a non-negative safe integer`);
    let v = value;
    // Plain division keeps values above 2^31 exact, where bitwise operators would truncate.
    while (v >= 0x80) {
      this.#chunks.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.#chunks.push(v);
  }

  #tag(field: number, wire: number): void {
    this.#varint(field * 8 + wire);
  }

  int(field: number, value: number): this {
    this.#tag(field, WIRE_VARINT);
    this.#varint(value);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, WIRE_LENGTH);
    this.#varint(value.length);
    for (const b of value) this.#chunks.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, encoder.encode(value));
  }

  message(field: number, build: (w: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  float(field: number, value: number): this {
    this.#tag(field, WIRE_FIXED32);
    const buf = new Uint8Array(4);
    new DataView(buf.buffer).setFloat32(0, value, true);
    for (const b of buf) this.#chunks.push(b);
    return this;
  }

  /** A packed repeated varint field (proto3 default packing for scalar numeric types). */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.#varint(v);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#chunks);
  }
}
