import * as ort from "onnxruntime-node";
import type { SessionFactory } from "../onnx/types.ts";
import { wrapSession } from "../onnx/types.ts";

/**
 * The Node session factory (onnxruntime-node, native): for library users, the model:add CLI,
 * the trainers, and as the reference the workerd outputs are tested against.
 */
export const createNodeSession: SessionFactory = async (modelBytes) => {
  const session = await ort.InferenceSession.create(modelBytes, { logSeverityLevel: 3, intraOpNumThreads: 1 });
  return wrapSession(session, (t) => new ort.Tensor(t.data, t.dims));
};
