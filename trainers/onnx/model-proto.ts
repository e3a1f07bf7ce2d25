import { ProtoWriter } from "./protobuf-writer.ts";

/**
 * Writes an ONNX ModelProto (onnx/onnx.proto, IR version 8, default-domain opset 17) from a
 * plain description of the graph. Field numbers are those of onnx.proto; only what the
 * project's exporters need is covered: float32/int64 tensors, int/float/ints attributes.
 */
export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

/** TensorProto.DataType values. */
export const ELEM_TYPE = { float32: 1, int32: 6, int64: 7 } as const;
export type ElemType = keyof typeof ELEM_TYPE;

export interface OnnxValueInfo {
  name: string;
  elemType: ElemType;
  /** A number is a fixed size; a string is a symbolic dimension such as "batch". */
  dims: readonly (number | string)[];
}

export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  data: Float32Array | BigInt64Array | Int32Array;
}

export type OnnxAttribute = number | readonly number[] | { float: number };

export interface OnnxNode {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  attributes?: Readonly<Record<string, OnnxAttribute>>;
}

export interface OnnxGraph {
  name: string;
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
  initializers: readonly OnnxInitializer[];
  nodes: readonly OnnxNode[];
}

// AttributeProto.AttributeType values.
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_INTS = 7;

function elemTypeOf(data: OnnxInitializer["data"]): number {
  if (data instanceof Float32Array) return ELEM_TYPE.float32;
  if (data instanceof BigInt64Array) return ELEM_TYPE.int64;
  return ELEM_TYPE.int32;
}

function writeTensor(w: ProtoWriter, t: OnnxInitializer): void {
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (expected !== t.data.length)
    throw new RangeError(`initializer ${t.name}: dims hold ${expected} values, data has ${t.data.length}`);
  w.packedInts(1, t.dims).int(2, elemTypeOf(t.data)).string(8, t.name);
  // raw_data is little-endian, which is every platform this project runs on (checked below).
  w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.string(1, v.name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.int(1, ELEM_TYPE[v.elemType]).message(2, (shape) => {
        for (const d of v.dims) shape.message(1, (dim) => (typeof d === "number" ? dim.int(1, d) : dim.string(2, d)));
      }),
    ),
  );
}

function writeAttribute(w: ProtoWriter, name: string, value: OnnxAttribute): void {
  w.string(1, name);
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new TypeError(`attribute ${name}: use { float } for a float value`);
    // Negative int64 values are two's complement 10-byte varints; none of our ops need them.
    w.int(3, value).int(20, ATTR_INT);
  } else if ("float" in value) {
    w.float(2, value.float).int(20, ATTR_FLOAT);
  } else {
    w.packedInts(8, value).int(20, ATTR_INTS);
  }
}

function writeNode(w: ProtoWriter, n: OnnxNode, index: number): void {
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name ?? `${n.opType}_${index}`).string(4, n.opType);
  for (const [name, value] of Object.entries(n.attributes ?? {})) w.message(5, (a) => writeAttribute(a, name, value));
}

/** Serialised ModelProto bytes, ready to write as model.onnx. */
export function encodeOnnxModel(graph: OnnxGraph, producer = "probable-edge"): Uint8Array {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("raw_data needs a little-endian platform");
  const w = new ProtoWriter();
  w.int(1, IR_VERSION).string(2, producer).string(3, "1");
  w.message(7, (g) => {
    graph.nodes.forEach((n, i) => g.message(1, (node) => writeNode(node, n, i)));
    g.string(2, graph.name);
    for (const t of graph.initializers) g.message(5, (tensor) => writeTensor(tensor, t));
    for (const v of graph.inputs) g.message(11, (vi) => writeValueInfo(vi, v));
    for (const v of graph.outputs) g.message(12, (vi) => writeValueInfo(vi, v));
  });
  w.message(8, (opset) => opset.string(1, "").int(2, OPSET_VERSION));
  return w.finish();
}
