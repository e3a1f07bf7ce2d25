import * as ort from "onnxruntime-node";
import type { OnnxSession, OnnxTensor, SessionFactory } from "../onnx/types.ts";
import { valueInfo } from "../onnx/types.ts";

/**
 * The Node session factory (onnxruntime-node, native): for library users, the model:add CLI,
 * the trainers, and as the reference the workerd outputs are tested against.
 */
export const createNodeSession: SessionFactory = async (modelBytes) => {
  const session = await ort.InferenceSession.create(modelBytes, { logSeverityLevel: 3, intraOpNumThreads: 1 });
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
