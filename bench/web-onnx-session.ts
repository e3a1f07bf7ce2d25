import * as ort from "onnxruntime-web/wasm";
import type { SessionFactory } from "../shared/onnx/types.ts";
import { wrapSession } from "../shared/onnx/types.ts";

/**
 * ONNX Runtime Web (the worker's runtime, its wasm build, one thread) in Node, for
 * bench/memory-probe.ts: the classifier and the detector then run in the same wasm runtime as in
 * workerd, so their memory is the worker's, not onnxruntime-node's native allocator's.
 */
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;
ort.env.logLevel = "error";

export const createWebSessionInNode: SessionFactory = async (modelBytes) => {
  const session = await ort.InferenceSession.create(modelBytes, { executionProviders: ["wasm"] });
  return wrapSession(session, (t) => new ort.Tensor(t.data, t.dims));
};
