import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { endTime, startTime } from "hono/timing";
import { decodeBase64, encodeBase64 } from "../../shared/encoding/base64.ts";
import { CoreError, InvalidInputError } from "../../shared/errors.ts";
import { maskFromImage } from "../../shared/image/gray-image.ts";
import type { LesionDetector } from "../../shared/lesion-detect/detector.ts";
import { byteLimit, DEFAULT_MAX_IMAGE_PIXELS, type AppEnv } from "../env.ts";
import { acceptBody } from "../middleware/body.ts";
import { bodyProblems, commonProblems, jsonContent, modelUnavailable } from "../schemas.ts";
import {
  DEFAULT_DETECTOR,
  DETECT_FORM_ENCODING,
  DETECT_FORM_FILES,
  DetectRequest,
  DetectResponse,
} from "./detect-schemas.ts";
import { imageFormSchema, readImageForm } from "./image-form.ts";

const DETECT_FORM = { schema: DetectRequest, files: DETECT_FORM_FILES };
import { decodeUpload, toPng } from "./images.ts";

export const detectRoute = createRoute({
  method: "post",
  operationId: "detectLesions",
  path: "/v1/lesions/detect",
  tags: ["lesions"],
  summary: "Find pneumonia-like lesions on a chest radiograph (detector trained on simulated lesions)",
  description:
    "Runs the lesion-detector ensemble (trained by trainers/lesion-detector on simulated lesions, docs/lesion-detector-report.md) on a PNG or DICOM radiograph: boxes with calibrated confidences and a per-box epistemic score from member disagreement, optionally the heatmap. JSON with a base64 image, or multipart/form-data with files. A research model, not a medical device.",
  middleware: [acceptBody("image", ["application/json", "multipart/form-data"])],
  request: {
    body: {
      // Not "required": with it the JSON validator would also run on multipart bodies.
      required: false,
      content: {
        "application/json": { schema: DetectRequest },
        // A plain JSON Schema, not zod, so that no form validator runs; readDetectInput validates the form.
        "multipart/form-data": { schema: imageFormSchema(DETECT_FORM) as never, encoding: DETECT_FORM_ENCODING },
      },
    },
  },
  responses: {
    200: jsonContent(DetectResponse, "The boxes found, most confident first"),
    ...commonProblems,
    ...bodyProblems,
    ...modelUnavailable,
  },
});

async function readDetectInput(
  c: Context<AppEnv>,
  json: DetectRequest | undefined,
): Promise<{ options: Omit<DetectRequest, "image" | "mask">; image: Uint8Array; mask?: Uint8Array }> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    if (!json)
      throw new InvalidInputError("/image", "an image is required (JSON with a base64 image, or multipart/form-data)");
    const { image, mask, ...options } = json;
    return { options, image: decodeBase64(image, "/image"), ...(mask ? { mask: decodeBase64(mask, "/mask") } : {}) };
  }
  const { data, files } = await readImageForm(c, DETECT_FORM);
  if (!files.image) throw new InvalidInputError("/image", "the form needs an image file");
  return { options: data, image: files.image, ...(files.mask ? { mask: files.mask } : {}) };
}

export const detect: RouteHandler<typeof detectRoute, AppEnv> = async (c) => {
  const {
    options,
    image: imageBytes,
    mask: maskBytes,
  } = await readDetectInput(c, c.req.valid("json") as DetectRequest | undefined);
  const name = options.model ?? DEFAULT_DETECTOR;
  const { compiled: detector } = await c.get("registry").get(name, "lesion-detector");
  const maxPixels = byteLimit(c.env?.MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS);
  startTime(c, "decode");
  const { image } = await decodeUpload(imageBytes, "image", maxPixels);
  const mask = maskBytes ? maskFromImage((await decodeUpload(maskBytes, "mask", maxPixels)).image) : undefined;
  if (mask && (mask.width !== image.width || mask.height !== image.height)) {
    throw new CoreError(
      "mask-size-mismatch",
      `mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`,
    );
  }
  endTime(c, "decode");
  startTime(c, "detect");
  const found = await detector.detect(image, options.minConfidence ?? 0.5);
  endTime(c, "detect");
  const inLung = (b: readonly number[]) =>
    !mask ||
    mask.data[
      Math.min(image.height - 1, Math.floor(b[1]! + b[3]! / 2)) * image.width +
        Math.min(image.width - 1, Math.floor(b[0]! + b[2]! / 2))
    ] !== 0;
  const body: DetectResponse = {
    model: name,
    width: image.width,
    height: image.height,
    members: detector.config.members.length,
    lesions: found.lesions.filter((l) => inLung(l.bbox)),
  };
  if (options.heatmap) {
    const data = Uint8Array.from(found.heatmap, (p) => Math.round(p * 255));
    body.heatmap = {
      png: encodeBase64(toPng({ width: found.side, height: found.side, bitDepth: 8, data }, c.env)),
      side: found.side,
    };
  }
  return c.json(body, 200);
};

type DetectResponse = import("@hono/zod-openapi").z.infer<typeof DetectResponse>;
