import { describe, expect, it } from "vitest";
import { IDENTITY_MODEL } from "../../../shared/onnx/identity-model.ts";
import { createNodeSession } from "../../../shared/node/onnx-session.ts";
import { encodeOnnxModel } from "../../../trainers/onnx/model-proto.ts";
import { ProtoWriter } from "../../../trainers/onnx/protobuf-writer.ts";

describe("ONNX protobuf writer", () => {
  it("encodes varints as in the protobuf spec (150 → 96 01; 2^40 exactly)", () => {
    expect(Array.from(new ProtoWriter().int(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(new ProtoWriter().int(1, 2 ** 40).finish())).toEqual([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
    expect(() => new ProtoWriter().int(1, -1)).toThrow(RangeError);
  });

  it("writes the built-in Identity model byte for byte (shared/onnx/identity-model.ts cannot drift)", () => {
    const bytes = encodeOnnxModel({
      name: "identity",
      inputs: [{ name: "x", elemType: "float32", dims: [1] }],
      outputs: [{ name: "y", elemType: "float32", dims: [1] }],
      initializers: [],
      nodes: [{ opType: "Identity", inputs: ["x"], outputs: ["y"] }],
    });
    expect(bytes).toEqual(IDENTITY_MODEL);
  });

  it("produces a model onnxruntime-node loads, with symbolic batch dims and int64 initializers", async () => {
    const bytes = encodeOnnxModel({
      name: "add-one",
      inputs: [{ name: "x", elemType: "float32", dims: ["batch", 2] }],
      outputs: [{ name: "y", elemType: "float32", dims: ["batch", 1] }],
      initializers: [
        { name: "one", dims: [2], data: Float32Array.from([1, 1]) },
        { name: "axes", dims: [1], data: BigInt64Array.from([1n]) },
      ],
      nodes: [
        { opType: "Add", inputs: ["x", "one"], outputs: ["x1"] },
        { opType: "ReduceSum", inputs: ["x1", "axes"], outputs: ["y"], attributes: { keepdims: 1 } },
      ],
    });
    const session = await createNodeSession(bytes);
    expect(session.inputs).toEqual([{ name: "x", type: "float32", dims: [null, 2] }]);
    const out = await session.run({ x: { data: Float32Array.from([1, 2, 3, 4]), dims: [2, 2] } });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([5, 9]);
  });

  it("refuses an initializer whose data does not fill its dims", () => {
    const graph = {
      name: "g",
      inputs: [],
      outputs: [],
      nodes: [],
      initializers: [{ name: "w", dims: [2, 2], data: new Float32Array(3) }],
    };
    expect(() => encodeOnnxModel(graph)).toThrow("dims hold 4 values, data has 3");
  });
});
