import { z } from "zod";
import { emailText } from "./email-text.ts";
import { decodeEntities } from "./entities.ts";
import { htmlToText } from "./html-to-text.ts";
import { collapseWhitespace } from "./whitespace.ts";

/**
 * A model's text pipeline: named steps, declared in its artifact (classifier.json
 * input.preprocess), applied in order by the server to every text before tokenising, and by
 * the trainer to every training text — the same functions, so what the model saw in training
 * is what it sees when served.
 */
export const TEXT_STEPS = {
  /** RFC 822 headers removed when present; MIME parts walked, quoted-printable / base64 / charset decoded. */
  "email-message": emailText,
  /** Comments, head/style/script blocks and tags removed. */
  "html-to-text": htmlToText,
  /** &amp; &nbsp; &#233; … to characters. */
  "decode-entities": decodeEntities,
  /** White-space runs to one space, ends trimmed. */
  "collapse-whitespace": collapseWhitespace,
} as const satisfies Record<string, (text: string) => string>;

export type TextStep = keyof typeof TEXT_STEPS;
export const TextStepSchema = z.enum(Object.keys(TEXT_STEPS) as [TextStep, ...TextStep[]]);
export const TextPipelineSchema = z.array(TextStepSchema).max(16);
export type TextPipeline = z.infer<typeof TextPipelineSchema>;

/** What spam-lpft reads: whatever a user has of an e-mail, as the text a reader sees. */
export const EMAIL_PIPELINE: readonly TextStep[] = [
  "email-message",
  "html-to-text",
  "decode-entities",
  "collapse-whitespace",
];

export function applyTextPipeline(steps: readonly TextStep[], text: string): string {
  let out = text;
  for (const step of steps) out = TEXT_STEPS[step](out);
  return out;
}
