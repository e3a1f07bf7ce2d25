import { z } from "@hono/zod-openapi";

export const DEFAULT_DETECTOR = "lesion-detector";

/** The detect request; the multipart form carries the same fields (image and mask as files). */
export const DetectRequest = z
  .object({
    image: z.string().min(1).describe("base64 PNG (8/16-bit gray, RGB converted) or DICOM Part 10 chest radiograph"),
    mask: z.string().optional().describe("base64 PNG lung mask, same size as the image; when given, only boxes whose centre lies in the lung are returned"),
    model: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional().describe(`a lesion-detector model (default "${DEFAULT_DETECTOR}")`),
    minConfidence: z.number().min(0).max(1).optional().describe("drop boxes whose calibrated confidence is below this (default 0.5)"),
    heatmap: z.boolean().optional().describe("also return the ensemble-mean lesion heatmap as a base64 8-bit PNG (default false)"),
  })
  .strict()
  .openapi("LesionDetectRequest");
export type DetectRequest = z.infer<typeof DetectRequest>;

const DetectedLesion = z.object({
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe("[x, y, width, height] in the pixels of the image as sent"),
  confidence: z.number().describe("calibrated probability that the box is a lesion (Platt scaling fitted on simulated validation images)"),
  score: z.number().describe("the ensemble-mean heatmap peak before calibration"),
  epistemic: z
    .object({ std: z.number(), mutualInformation: z.number() })
    .describe("disagreement of the ensemble members about this box: spread of their peaks, and the mutual information of the Bernoulli peak probabilities (nats)"),
});

export const DetectResponse = z
  .object({
    model: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    members: z.number().int().describe("networks in the ensemble behind each box"),
    lesions: z.array(DetectedLesion).describe("most confident first"),
    heatmap: z.object({ png: z.string(), side: z.number().int() }).optional().describe("ensemble-mean probability × 255 at side × side"),
  })
  .openapi("LesionDetectResponse");

const FILE_PART = (description: string) => ({ type: "string", format: "binary", description });

/** The multipart form: the JSON body's fields with their types (derived, so they cannot drift), images as files. */
export function detectFormSchema(): Record<string, unknown> {
  const { $schema: _, properties, ...rest } = z.toJSONSchema(DetectRequest, { io: "input" }) as { $schema: string; properties: object };
  return {
    ...rest,
    properties: {
      ...properties,
      image: FILE_PART("PNG or DICOM chest radiograph"),
      mask: FILE_PART("PNG lung mask, same size as the image; nonzero = lung"),
    },
  };
}

export const DETECT_FORM_ENCODING = {
  image: { contentType: "image/png, application/dicom, application/octet-stream" },
  mask: { contentType: "image/png, application/octet-stream" },
};
