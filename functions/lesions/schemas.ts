import { z } from "@hono/zod-openapi";
import { COMPOSITING_MODELS } from "../../shared/lesion/compositing.ts";
import { PHANTOM_SIZE_RANGE } from "../../shared/lesion/phantom.ts";
import { PRESET_NAMES } from "../../shared/lesion/presets.ts";
import { Seed } from "../schemas.ts";

/** Bounds here only shape the request; the core checks the values and points at errors. */
export const SimulateRequest = z
  .object({
    image: z
      .string()
      .optional()
      .describe(
        "base64 PNG (8/16-bit gray, RGB converted) or DICOM (native, deflated, RLE, JPEG, JPEG-LS, JPEG 2000; docs/dicom-input.md); absent = phantom",
      ),
    frame: z.number().int().min(0).optional().describe("0-based frame of a multi-frame DICOM image (default 0)"),
    outOfWindow: z
      .enum(["keep", "clip"])
      .optional()
      .describe(
        'DICOM values outside a linear VOI window: "keep" (default; mapped into the outer 4096 of 65535 on each side) or "clip"',
      ),
    mask: z.string().optional().describe("base64 PNG lung mask, same size as the image; nonzero = lung"),
    background: z
      .literal("phantom")
      .optional()
      .describe("draw a synthetic thorax phantom (the default without an image)"),
    size: z
      .number()
      .int()
      .min(PHANTOM_SIZE_RANGE[0])
      .max(PHANTOM_SIZE_RANGE[1])
      .optional()
      .describe("phantom side in pixels (default 1024)"),
    seed: Seed.optional().describe("same input and seed, byte-identical output; drawn and echoed when absent"),
    count: z
      .number()
      .int()
      .min(1)
      .max(3)
      .optional()
      .describe("lesions per image; drawn 1/2/3 with p = .93/.04/.03 when absent"),
    theta: z
      .array(z.number().min(0).max(1))
      .length(5)
      .optional()
      .describe("the paper's θ ∈ [0,1]^5 (res, persistence, lacunarity, scale, smooth area)"),
    params: z
      .object({
        res: z.number(),
        persistence: z.number(),
        lacunarity: z.number(),
        scale: z.number(),
        smoothArea: z.number(),
        radius: z.number().optional(),
      })
      .optional()
      .describe("explicit lesion parameters instead of θ"),
    preset: z
      .enum(PRESET_NAMES as [string, ...string[]])
      .optional()
      .describe("named difficulty preset"),
    model: z
      .enum(COMPOSITING_MODELS as [string, ...string[]])
      .optional()
      .describe(
        '"attenuation" (default: lesion optical depth added to −ln T, anatomy stays visible, never above the image\'s own maximum), "linear" (the paper\'s I(1−p)+max·p) or "beer-lambert"',
      ),
    attenuation: z
      .object({ mu: z.number(), thicknessMm: z.number() })
      .optional()
      .describe("lesion attenuation for the attenuation and beer-lambert models (mu per mm, thickness at p = 1)"),
  })
  .strict()
  .openapi("LesionSimulateRequest", {
    example: { background: "phantom", size: 512, seed: 7, count: 1, preset: "obvious" },
  });
export type SimulateRequest = z.infer<typeof SimulateRequest>;

const Lesion = z.object({
  bbox: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .describe("[x, y, width, height], tight around the lesion mask"),
  center: z.tuple([z.number(), z.number()]),
  radius: z.number(),
  bboxMm: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .optional()
    .describe("bbox in mm, when the DICOM input has Pixel Spacing"),
  radiusMm: z.number().optional().describe("radius in mm (geometric mean of the row and column spacing)"),
  params: z.record(z.string(), z.number()),
  theta: z.array(z.number()).optional(),
  peakOpacity: z.number(),
  placement: z.enum(["mask", "darkness"]),
});

export const SimulateResponse = z
  .object({
    image: z.string().describe("base64 PNG, same size and bit depth as the input"),
    mask: z.string().describe("base64 8-bit PNG of the lesion mask (255 = lesion)"),
    width: z.number().int(),
    height: z.number().int(),
    bitDepth: z.number().int(),
    lesions: z.array(Lesion),
    model: z.string().describe("compositing model used"),
    attenuation: z.object({ mu: z.number(), thicknessMm: z.number() }).optional(),
    background: z.enum(["upload", "phantom"]),
    pixelSpacingMm: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe("input Pixel Spacing [row, column] in mm (DICOM only)"),
    seed: z.number().int(),
  })
  .openapi("LesionSimulateResponse");

/** The image fields of the multipart form (files, or base64 text); the rest is SimulateRequest's. */
export const SIMULATE_FORM_FILES = {
  image:
    "PNG (8/16-bit gray, RGB converted) or DICOM file (uncompressed, deflate, RLE, JPEG, JPEG-LS, JPEG 2000); absent = phantom",
  mask: "PNG lung mask, same size as the image; nonzero = lung",
} as const;

/** Object and array fields travel as JSON text parts; a file part says what it may hold. */
export const SIMULATE_FORM_ENCODING = {
  image: { contentType: "image/png, application/dicom, application/octet-stream" },
  mask: { contentType: "image/png, application/octet-stream" },
  theta: { contentType: "application/json" },
  params: { contentType: "application/json" },
  attenuation: { contentType: "application/json" },
};

export const SimulateQuery = z.object({
  mask: z
    .enum(["seg"])
    .optional()
    .openapi({
      param: { name: "mask", in: "query" },
      description:
        'With `Accept: application/dicom`: "seg" adds the lesion mask as a DICOM Segmentation, returned with the Secondary Capture as `multipart/related; type="application/dicom"`',
    }),
});

export const PhantomQuery = z.object({
  seed: z.coerce
    .number()
    .pipe(Seed)
    .optional()
    .openapi({ param: { name: "seed", in: "query" }, example: 7 }),
  size: z.coerce
    .number()
    .int()
    .min(PHANTOM_SIZE_RANGE[0])
    .max(PHANTOM_SIZE_RANGE[1])
    .optional()
    .openapi({ param: { name: "size", in: "query" }, example: 512 }),
  part: z
    .enum(["image", "mask"])
    .optional()
    .openapi({ param: { name: "part", in: "query" }, description: "which PNG to return (default image)" }),
});
