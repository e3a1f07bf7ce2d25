import { z } from "@hono/zod-openapi";
import { encodeBase64 } from "../../shared/encoding/base64.ts";
import { encodePng } from "../../shared/image/png-codec.ts";

export const DEFAULT_DETECTOR = "lesion-detector";

/** A 32² gray gradient: small enough for the document, a valid image for the example to run. */
const EXAMPLE_IMAGE = encodeBase64(
  encodePng({ width: 32, height: 32, bitDepth: 8, data: Uint8Array.from({ length: 1024 }, (_, i) => (i % 32) * 8) }),
);

/** The detect request; the multipart form carries the same fields (image and mask as files). */
export const DetectRequest = z
  .object({
    image: z.string().min(1).describe("base64 PNG (8/16-bit gray, RGB converted) or DICOM Part 10 chest radiograph"),
    mask: z
      .string()
      .optional()
      .describe(
        "base64 PNG lung mask, same size as the image; when given, only boxes whose centre lies in the lung are returned",
      ),
    model: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional()
      .describe(`a lesion-detector model (default "${DEFAULT_DETECTOR}")`),
    minConfidence: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("drop boxes whose calibrated confidence is below this (default 0.5)"),
    heatmap: z
      .boolean()
      .optional()
      .describe("also return the ensemble-mean lesion heatmap as a base64 8-bit PNG (default false)"),
  })
  .strict()
  .openapi("LesionDetectRequest", { example: { image: EXAMPLE_IMAGE, minConfidence: 0.5 } });
export type DetectRequest = z.infer<typeof DetectRequest>;

const DetectedLesion = z.object({
  bbox: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .describe("[x, y, width, height] in the pixels of the image as sent"),
  confidence: z
    .number()
    .describe("calibrated probability that the box is a lesion (Platt scaling fitted on simulated validation images)"),
  score: z.number().describe("the ensemble-mean heatmap peak before calibration"),
  epistemic: z
    .object({ std: z.number(), mutualInformation: z.number() })
    .describe(
      "disagreement of the ensemble members about this box: spread of their peaks, and the mutual information of the Bernoulli peak probabilities (nats)",
    ),
});

export const DetectResponse = z
  .object({
    model: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    members: z.number().int().describe("networks in the ensemble behind each box"),
    lesions: z.array(DetectedLesion).describe("most confident first"),
    heatmap: z
      .object({ png: z.string(), side: z.number().int() })
      .optional()
      .describe("ensemble-mean probability × 255 at side × side"),
  })
  .openapi("LesionDetectResponse");

/** The image fields of the multipart form (files, or base64 text). */
export const DETECT_FORM_FILES = {
  image: "PNG or DICOM chest radiograph",
  mask: "PNG lung mask, same size as the image; nonzero = lung",
} as const;

export const DETECT_FORM_ENCODING = {
  image: { contentType: "image/png, application/dicom, application/octet-stream" },
  mask: { contentType: "image/png, application/octet-stream" },
};
