import * as ort from "onnxruntime-web/wasm";
import type { OnnxSession, OnnxTensor, SessionFactory } from "../shared/onnx/types.ts";
import { valueInfo } from "../shared/onnx/types.ts";

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
  const wrapped: OnnxSession = {
    inputs: valueInfo(session.inputMetadata),
    outputs: valueInfo(session.outputMetadata),
    async run(feeds) {
      const tensors: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) tensors[name] = new ort.Tensor(t.data, t.dims);
      const results = await session.run(tensors);
      const out: Record<string, OnnxTensor> = {};
      for (const [name, t] of Object.entries(results)) out[name] = { data: t.data as OnnxTensor["data"], dims: t.dims };
      return out;
    },
  };
  return wrapped;
};
