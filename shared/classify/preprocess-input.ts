import { InvalidInputError } from "../errors.ts";
import { applyTextPipeline } from "../text/pipeline.ts";
import type { ClassifierConfig } from "./artifact-schema.ts";
import { MAX_TEXT_CHARS, MAX_TEXTS } from "./caps.ts";
import type { ClassifyInput } from "./inputs.ts";

/**
 * The model's declared text pipeline (classifier.json input.preprocess) applied to what the
 * caller sent, before tokenising: the same shared/text functions its trainer ran on every
 * training text, so a raw e-mail and the trainer's cleaned text are one input. Inputs outside
 * the caps or of the wrong kind pass through unchanged for buildFeeds to refuse with its message.
 */
export function preprocessInput(config: ClassifierConfig, input: ClassifyInput): ClassifyInput {
  const steps = config.input.kind === "text" ? config.input.preprocess : undefined;
  if (!steps || steps.length === 0) return input;
  const clean = (text: string, pointer: string): string => {
    if (text.length > MAX_TEXT_CHARS || text.trim() === "") return text;
    const out = applyTextPipeline(steps, text);
    if (out.trim() === "")
      throw new InvalidInputError(
        pointer,
        `has no readable text once the model's preprocessing (${steps.join(", ")}) is applied: headers, markup and non-text attachments are not read`,
      );
    return out;
  };
  if (typeof input.text === "string") return { ...input, text: clean(input.text, "/text") };
  if (Array.isArray(input.texts) && input.texts.length <= MAX_TEXTS)
    return { ...input, texts: input.texts.map((t, i) => (typeof t === "string" ? clean(t, `/texts/${i}`) : t)) };
  return input;
}
