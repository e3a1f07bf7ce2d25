import type { ClassifierConfig } from "../../shared/classify/artifact-schema.ts";
import type { OnnxSession } from "../../shared/onnx/types.ts";

export interface InferOptions {
  text: boolean;
  logits?: string;
  /** The output the head posterior acts on: pooled features [B, F]. */
  features?: string;
  maxTokens?: number;
  /** The longest input the tokenizer and model config allow, when --max-tokens is not given. */
  modelMaxTokens?: number;
}

/** Output names under which exporters put the pooled vector a classification layer reads. */
const POOLED = ["features", "pooler_output", "pooled_output", "sentence_embedding"];
const MASK = "attention_mask";
const TYPE_IDS = "token_type_ids";

/**
 * The classifier.json input and output declaration read off the ONNX graph: the first input
 * (the batch axis must be symbolic), and the logits output (named, called "logits", or the
 * only output). Text models take token ids ("input_ids" when present, as Hugging Face exports
 * name it), plus "attention_mask" and "token_type_ids" when the graph declares them; a symbolic
 * sequence axis means batches are padded to their longest text, a fixed one to that length.
 * `features` is the given output or one of the pooled-output names, when the graph has it.
 */
export function inferConfig(session: OnnxSession, o: InferOptions): ClassifierConfig {
  const names = session.outputs.map((v) => v.name);
  const logits = o.logits ?? (names.includes("logits") ? "logits" : names.length === 1 ? names[0]! : undefined);
  if (logits === undefined || !names.includes(logits))
    throw new Error(`say which output holds the logits (--logits); outputs: ${names.join(", ")}`);
  if (o.features !== undefined && !names.includes(o.features))
    throw new Error(`--features ${o.features}: the graph has no such output; outputs: ${names.join(", ")}`);
  const pooled = session.outputs.find((v) => v.name !== logits && POOLED.includes(v.name) && v.dims.length === 2);
  const features = o.features ?? pooled?.name;
  const outputs = { logits, ...(features ? { features } : {}) };
  const input = o.text ? (session.inputs.find((v) => v.name === "input_ids") ?? session.inputs[0]) : session.inputs[0];
  if (!input) throw new Error("the ONNX graph has no inputs");
  if (input.dims.length < 2 || input.dims[0] !== null) {
    throw new Error(
      `input "${input.name}" has shape [${input.dims.join(", ")}]: export it with a dynamic batch axis first`,
    );
  }
  if (o.text) {
    if (input.type !== "int64" && input.type !== "int32")
      throw new Error(`a text model's input "${input.name}" must be int64 or int32 token ids, not ${input.type}`);
    const known = new Set([input.name, MASK, TYPE_IDS]);
    const other = session.inputs.filter((v) => !known.has(v.name)).map((v) => v.name);
    if (other.length > 0)
      throw new Error(
        `the graph needs inputs this server does not feed: ${other.join(", ")} (only input_ids, attention_mask, token_type_ids)`,
      );
    const fixed = input.dims[1];
    if (input.dims.length !== 2)
      throw new Error(`input "${input.name}" must be [batch, sequence], not [${input.dims.join(", ")}]`);
    if (typeof fixed === "number" && o.maxTokens !== undefined && o.maxTokens !== fixed)
      throw new Error(`--max-tokens ${o.maxTokens}: the graph takes exactly ${fixed} tokens`);
    const maxTokens = typeof fixed === "number" ? fixed : (o.maxTokens ?? o.modelMaxTokens);
    if (!maxTokens)
      throw new Error(
        `input "${input.name}" has no fixed sequence length and the tokenizer/config give none: pass --max-tokens`,
      );
    const has = (name: string) => session.inputs.some((v) => v.name === name);
    return {
      input: {
        kind: "text",
        name: input.name,
        maxTokens,
        dtype: input.type,
        ...(has(MASK) ? { mask: MASK } : {}),
        ...(has(TYPE_IDS) ? { typeIds: TYPE_IDS } : {}),
        ...(typeof fixed === "number" ? {} : { padTo: "longest" as const }),
      },
      outputs,
    };
  }
  if (input.dims.slice(1).some((d) => d === null))
    throw new Error(`input "${input.name}" has symbolic dimensions besides the batch: [${input.dims.join(", ")}]`);
  if (input.type !== "float32" && input.type !== "int64" && input.type !== "int32")
    throw new Error(`input type ${input.type} is not supported`);
  return {
    input: { kind: "tensor", name: input.name, dims: input.dims as [null, ...number[]], dtype: input.type },
    outputs,
  };
}
