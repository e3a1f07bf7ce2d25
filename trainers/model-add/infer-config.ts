import type { ClassifierConfig } from "../../shared/classify/artifact-schema.ts";
import type { OnnxSession } from "../../shared/onnx/types.ts";

/**
 * The classifier.json input and output declaration read off the ONNX graph: the first input
 * (the batch axis must be symbolic), and the logits output (named, called "logits", or the
 * only output). Text models take token ids, plus an "attention_mask" input when there is one.
 */
export function inferConfig(session: OnnxSession, o: { text: boolean; logits?: string; maxTokens?: number }): ClassifierConfig {
  const input = session.inputs[0];
  if (!input) throw new Error("the ONNX graph has no inputs");
  if (input.dims.length < 2 || input.dims[0] !== null) {
    throw new Error(`input "${input.name}" has shape [${input.dims.join(", ")}]: export it with a dynamic batch axis first`);
  }
  const names = session.outputs.map((v) => v.name);
  const logits = o.logits ?? (names.includes("logits") ? "logits" : names.length === 1 ? names[0]! : undefined);
  if (logits === undefined || !names.includes(logits)) throw new Error(`say which output holds the logits (--logits); outputs: ${names.join(", ")}`);
  if (o.text) {
    if (input.type !== "int64" && input.type !== "int32") throw new Error(`a text model's input "${input.name}" must be int64 or int32 token ids, not ${input.type}`);
    const maxTokens = o.maxTokens ?? input.dims[1];
    if (!maxTokens) throw new Error(`input "${input.name}" has no fixed sequence length: pass --max-tokens`);
    const mask = session.inputs.find((v) => v.name === "attention_mask");
    return {
      input: { kind: "text", name: input.name, maxTokens, dtype: input.type, ...(mask ? { mask: mask.name } : {}) },
      outputs: { logits },
    };
  }
  if (input.dims.slice(1).some((d) => d === null)) throw new Error(`input "${input.name}" has symbolic dimensions besides the batch: [${input.dims.join(", ")}]`);
  if (input.type !== "float32" && input.type !== "int64" && input.type !== "int32") throw new Error(`input type ${input.type} is not supported`);
  return { input: { kind: "tensor", name: input.name, dims: input.dims as [null, ...number[]], dtype: input.type }, outputs: { logits } };
}
