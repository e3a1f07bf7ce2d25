/**
 * The smallest useful ONNX model: y = Identity(x), x and y float32 [1]. Used only to initialise
 * the runtime. These are the bytes trainers/onnx/model-proto.ts writes for that graph (a unit
 * test re-encodes it, so the two cannot drift); shared/ cannot import trainers/.
 */
// prettier-ignore
export const IDENTITY_MODEL = new Uint8Array([
  8, 8, 18, 13, 112, 114, 111, 98, 97, 98, 108, 101, 45, 101, 100, 103, 101, 26, 1, 49, 58, 74, 10, 28, 10, 1, 120, 18,
  1, 121, 26, 10, 73, 100, 101, 110, 116, 105, 116, 121, 95, 48, 34, 8, 73, 100, 101, 110, 116, 105, 116, 121, 18, 8,
  105, 100, 101, 110, 116, 105, 116, 121, 90, 15, 10, 1, 120, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 98, 15, 10, 1,
  121, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 66, 4, 10, 0, 16, 17,
]);
