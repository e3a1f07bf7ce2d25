import { CapExceededError, InvalidInputError } from "../errors.ts";
import type { OnnxTensor } from "../onnx/types.ts";
import type { ClassifierConfig, TensorInput, TextInput } from "./artifact-schema.ts";
import { MAX_INPUT_ROWS, MAX_TEXT_CHARS, MAX_TEXTS } from "./caps.ts";
import type { TextTokenizer } from "./text-tokenizer.ts";

/** What a caller may send: one text, several texts, or rows of a numeric tensor. */
export interface ClassifyInput {
  text?: string | undefined;
  texts?: readonly string[] | undefined;
  inputs?: readonly (readonly number[])[] | undefined;
}

export interface Feeds {
  feeds: Record<string, OnnxTensor>;
  rows: number;
  /** JSON pointer of row r in the request, for errors found after the run. */
  pointer(row: number): string;
}

const FLOAT32_MAX = 3.4028234663852886e38; // = (2 − 2^−23) · 2^127

const prod = (dims: readonly (number | null)[]) => dims.reduce<number>((a, b) => a * (b ?? 1), 1);

/** The request's input checked against the model's declaration and the caps, as ONNX feeds. */
export function buildFeeds(
  model: string,
  config: ClassifierConfig,
  tokenizer: TextTokenizer | undefined,
  input: ClassifyInput,
): Feeds {
  const sent = (["text", "texts", "inputs"] as const).filter((k) => input[k] !== undefined);
  if (sent.length !== 1) throw new InvalidInputError("", 'send exactly one of "text", "texts" or "inputs"');
  const spec = config.input;
  if (spec.kind === "tensor") {
    if (input.inputs === undefined) {
      const width = prod(spec.dims.slice(1));
      throw new InvalidInputError(
        `/${sent[0]}`,
        `model "${model}" takes numbers, not text: send "inputs", rows of ${width} numbers`,
      );
    }
    return tensorFeeds(model, spec, input.inputs);
  }
  if (input.inputs !== undefined)
    throw new InvalidInputError("/inputs", `model "${model}" takes text: send "text" or "texts"`);
  if (!tokenizer) throw new RangeError(`model "${model}" declares text input but has no tokenizer`);
  const [texts, pointer] = input.text !== undefined ? [[input.text], "/text"] : [input.texts!, "/texts"];
  return textFeeds(spec, tokenizer, texts, pointer, input.text !== undefined);
}

function tensorFeeds(model: string, spec: TensorInput, rows: readonly (readonly number[])[]): Feeds {
  if (rows.length === 0) throw new InvalidInputError("/inputs", "has no rows");
  if (rows.length > MAX_INPUT_ROWS)
    throw new CapExceededError("/inputs", "MAX_INPUT_ROWS", MAX_INPUT_ROWS, rows.length);
  const width = prod(spec.dims.slice(1));
  const integer = spec.dtype !== "float32";
  const values = new Float64Array(rows.length * width);
  rows.forEach((row, i) => {
    if (row.length !== width) {
      const shape = `[batch, ${spec.dims.slice(1).join(", ")}]`;
      throw new InvalidInputError(
        `/inputs/${i}`,
        `has ${row.length} values; model "${model}" expects ${width} per row (input shape ${shape}, row-major)`,
      );
    }
    row.forEach((x, j) => {
      if (!Number.isFinite(x) || (integer && !Number.isSafeInteger(x))) {
        throw new InvalidInputError(`/inputs/${i}/${j}`, `${x} is not a finite ${integer ? "integer" : "number"}`);
      }
      if (!integer && Math.abs(x) > FLOAT32_MAX)
        throw new InvalidInputError(`/inputs/${i}/${j}`, `${x} is outside the float32 range`);
      values[i * width + j] = x;
    });
  });
  const dims = [rows.length, ...(spec.dims.slice(1) as number[])];
  return {
    feeds: { [spec.name]: { data: toOnnx(values, spec.dtype), dims } },
    rows: rows.length,
    pointer: (r) => `/inputs/${r}`,
  };
}

function textFeeds(
  spec: TextInput,
  tokenizer: TextTokenizer,
  texts: readonly string[],
  pointer: string,
  single: boolean,
): Feeds {
  if (texts.length === 0) throw new InvalidInputError(pointer, "has no texts");
  if (texts.length > MAX_TEXTS) throw new CapExceededError(pointer, "MAX_TEXTS", MAX_TEXTS, texts.length);
  texts.forEach((text, i) => {
    const at = single ? pointer : `${pointer}/${i}`;
    if (text.length > MAX_TEXT_CHARS) throw new CapExceededError(at, "MAX_TEXT_CHARS", MAX_TEXT_CHARS, text.length);
    if (text.trim() === "") throw new InvalidInputError(at, "is empty");
  });
  const batch = tokenizer.encodeBatch(texts, spec.maxTokens, spec.padTo ?? "max");
  const dims = [batch.rows, batch.length];
  const feeds: Record<string, OnnxTensor> = { [spec.name]: { data: toOnnx(batch.ids, spec.dtype), dims } };
  if (spec.mask !== undefined) feeds[spec.mask] = { data: toOnnx(batch.mask, spec.dtype), dims };
  if (spec.typeIds !== undefined) feeds[spec.typeIds] = { data: toOnnx(batch.typeIds, spec.dtype), dims };
  return { feeds, rows: batch.rows, pointer: (r) => (single ? pointer : `${pointer}/${r}`) };
}

/** The ONNX boundary: the only place values become float32 or int64. */
function toOnnx(values: Float64Array | Int32Array, dtype: TensorInput["dtype"]): OnnxTensor["data"] {
  if (dtype === "float32") return Float32Array.from(values);
  if (dtype === "int32") return Int32Array.from(values);
  return BigInt64Array.from(values, (v) => BigInt(v));
}
