import protobuf from "protobufjs/minimal.js";

/**
 * The float32 initializers (weights) of an ONNX ModelProto, read straight from the served
 * model.onnx bytes so that what is explained is exactly what is served. Only the fields used:
 * ModelProto.graph = 7, GraphProto.initializer = 5, TensorProto dims = 1, data_type = 2,
 * float_data = 4, name = 8, raw_data = 9 (onnx/onnx.proto).
 */
export interface Initializer {
  name: string;
  dims: number[];
  data: Float32Array;
}

const FLOAT = 1; // TensorProto.DataType.FLOAT

function readTensor(r: protobuf.Reader, end: number): Initializer | undefined {
  const t = {
    name: "",
    dims: [] as number[],
    type: 0,
    raw: undefined as Uint8Array | undefined,
    floats: [] as number[],
  };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === 2)
      for (const stop = r.uint32() + r.pos; r.pos < stop; ) t.dims.push(Number(r.int64()));
    else if (field === 1) t.dims.push(Number(r.int64()));
    else if (field === 2) t.type = r.int32();
    else if (field === 4 && (tag & 7) === 2)
      for (const stop = r.uint32() + r.pos; r.pos < stop; ) t.floats.push(r.float());
    else if (field === 8) t.name = r.string();
    else if (field === 9) t.raw = r.bytes();
    else r.skipType(tag & 7);
  }
  if (t.type !== FLOAT) return undefined;
  // raw_data is little-endian (the ONNX spec); copy so the view is aligned.
  const data = t.raw ? new Float32Array(Uint8Array.from(t.raw).buffer) : Float32Array.from(t.floats);
  return { name: t.name, dims: t.dims, data };
}

export function readInitializers(bytes: Uint8Array): Map<string, Initializer> {
  const out = new Map<string, Initializer>();
  const r = protobuf.Reader.create(bytes);
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 !== 7) {
      r.skipType(tag & 7);
      continue;
    }
    const graphEnd = r.uint32() + r.pos;
    while (r.pos < graphEnd) {
      const g = r.uint32();
      if (g >>> 3 !== 5) {
        r.skipType(g & 7);
        continue;
      }
      const tensor = readTensor(r, r.uint32() + r.pos);
      if (tensor) out.set(tensor.name, tensor);
    }
  }
  return out;
}
