import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { DataSet } from "dicom-parser";
import { endTime, startTime } from "hono/timing";
import { encodeBase64 } from "../../shared/encoding/base64.ts";
import { InvalidInputError } from "../../shared/errors.ts";
import { maskFromImage, type BinaryMask, type GrayImage } from "../../shared/image/gray-image.ts";
import { simulateLesions, type SimulateOptions } from "../../shared/lesion/simulate-lesions.ts";
import { createRng, freshSeed } from "../../shared/numeric/rng.ts";
import { byteLimit, DEFAULT_MAX_IMAGE_PIXELS, type AppEnv } from "../env.ts";
import { acceptBody } from "../middleware/body.ts";
import { bodyProblems, commonProblems, jsonContent } from "../schemas.ts";
import { lesionHeaders } from "../openapi/responses.ts";
import { dicomResponse, inMillimetres, pixelSpacing } from "./dicom-response.ts";
import { decodeUpload, maskPng, pngResponse, toPng, wantsDicom, wantsPng } from "./images.ts";
import { cachedPhantom } from "./phantom-cache.ts";
import { imageFormSchema } from "./image-form.ts";
import { readSimulateInput, SIMULATE_FORM } from "./read-request.ts";
import { SIMULATE_FORM_ENCODING, SimulateQuery, SimulateRequest, SimulateResponse } from "./schemas.ts";

export const simulateRoute = createRoute({
  method: "post",
  operationId: "simulateLesions",
  path: "/v1/lesions/simulate",
  tags: ["lesions"],
  summary: "Add simulated pneumonia lesions to a chest radiograph (or a phantom)",
  description:
    "Fractal-Perlin lesions composited by the X-ray principle (Suzuki, Hanaoka & Sato 2022), placed inside the lung mask. JSON with base64 images, or multipart/form-data with files. `Accept: image/png` returns only the image, with the lesions in the X-Lesions header; `Accept: application/dicom` a DICOM Secondary Capture (with `?mask=seg`, also a DICOM Segmentation of the lesions, as multipart/related), `application/dicom+json` its attributes with the boxes.",
  middleware: [acceptBody("image", ["application/json", "multipart/form-data"])],
  request: {
    query: SimulateQuery,
    body: {
      required: false,
      content: {
        "application/json": { schema: SimulateRequest },
        // A plain JSON Schema, not zod: @hono/zod-openapi would otherwise add a form validator
        // that sees every field as text; readSimulateInput validates the form instead.
        "multipart/form-data": { schema: imageFormSchema(SIMULATE_FORM) as never, encoding: SIMULATE_FORM_ENCODING },
      },
    },
  },
  responses: {
    200: {
      ...jsonContent(SimulateResponse, "The composited image, the lesion mask and each lesion's box and parameters"),
      headers: lesionHeaders() as never,
      content: {
        "application/json": { schema: SimulateResponse },
        "image/png": { schema: { type: "string", format: "binary" } as never },
        "application/dicom": {
          schema: {
            type: "string",
            format: "binary",
            description: "Secondary Capture: input's patient/study kept, new SOP and Series UIDs",
          } as never,
        },
        "application/dicom+json": {
          schema: {
            type: "array",
            items: { type: "object" },
            description:
              "DICOM JSON of the Secondary Capture's attributes, lesion boxes as a Graphic Annotation Sequence",
          } as never,
        },
        'multipart/related; type="application/dicom"': {
          schema: {
            type: "string",
            format: "binary",
            description:
              "With ?mask=seg: the Secondary Capture, then a binary DICOM Segmentation of the lesions referencing it",
          } as never,
        },
      },
    },
    ...commonProblems,
    ...bodyProblems,
  },
});

export const simulate: RouteHandler<typeof simulateRoute, AppEnv> = async (c) => {
  const { options, imageBytes, maskBytes } = await readSimulateInput(
    c,
    c.req.valid("json") as SimulateRequest | undefined,
  );
  if (imageBytes && options.background === "phantom") {
    throw new InvalidInputError("/background", 'give either an image or background "phantom", not both');
  }
  const maxPixels = byteLimit(c.env?.MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS);
  const seed = options.seed ?? freshSeed();

  startTime(c, "decode");
  let image: GrayImage;
  let mask: BinaryMask | undefined;
  let source: DataSet | undefined;
  if (imageBytes) {
    const decoded = await decodeUpload(imageBytes, "image", maxPixels, {
      ...(options.frame !== undefined ? { frame: options.frame } : {}),
      ...(options.outOfWindow !== undefined ? { outOfWindow: options.outOfWindow } : {}),
    });
    image = decoded.image;
    source = decoded.dicom?.dataSet;
  } else {
    const phantom = cachedPhantom(seed, options.size ?? 1024);
    image = phantom.image;
    mask = phantom.lungMask;
  }
  if (maskBytes) mask = maskFromImage((await decodeUpload(maskBytes, "mask", maxPixels)).image);
  endTime(c, "decode");

  startTime(c, "simulate");
  const simulateOptions: SimulateOptions = { image };
  if (mask) simulateOptions.mask = mask;
  if (options.count !== undefined) simulateOptions.count = options.count;
  if (options.theta !== undefined) simulateOptions.theta = options.theta;
  if (options.params !== undefined) {
    const { radius, ...shape } = options.params;
    simulateOptions.params = radius === undefined ? shape : { ...shape, radius };
  }
  if (options.preset !== undefined) simulateOptions.preset = options.preset as NonNullable<SimulateOptions["preset"]>;
  if (options.model !== undefined) simulateOptions.model = options.model as NonNullable<SimulateOptions["model"]>;
  if (options.attenuation !== undefined) simulateOptions.attenuation = options.attenuation;
  const result = simulateLesions(createRng(seed), simulateOptions);
  endTime(c, "simulate");

  startTime(c, "encode");
  const dicomKind = wantsDicom(c.req.header("accept"));
  const withSegmentation = c.req.valid("query").mask === "seg";
  if (withSegmentation && dicomKind !== "dicom") {
    throw new InvalidInputError("/mask", "mask=seg returns DICOM: send Accept: application/dicom");
  }
  if (dicomKind) {
    const response = dicomResponse(dicomKind, result, source, seed, withSegmentation);
    endTime(c, "encode");
    return response as never;
  }
  const png = toPng(result.image, c.env);
  const spacing = pixelSpacing(source);
  const lesions = result.lesions.map(({ bbox, center, radius, params, theta, peakOpacity, placement }) => ({
    bbox,
    center,
    radius,
    ...(spacing ? inMillimetres(bbox, radius, spacing) : {}),
    params: { ...params },
    ...(theta ? { theta: [...theta] } : {}),
    peakOpacity,
    placement,
  }));
  if (wantsPng(c.req.header("accept"))) {
    endTime(c, "encode");
    return pngResponse(png, {
      "X-Seed": String(seed),
      "X-Compositing-Model": result.model,
      "X-Lesions": JSON.stringify(lesions.map(({ bbox, center, radius }) => ({ bbox, center, radius }))),
    }) as never;
  }
  const body = {
    image: encodeBase64(png),
    mask: encodeBase64(maskPng(result.mask, c.env)),
    width: result.image.width,
    height: result.image.height,
    bitDepth: result.image.bitDepth,
    lesions,
    model: result.model,
    ...(result.attenuation ? { attenuation: result.attenuation } : {}),
    background: imageBytes ? ("upload" as const) : ("phantom" as const),
    ...(spacing ? { pixelSpacingMm: spacing } : {}),
    seed,
  };
  endTime(c, "encode");
  return c.json(body, 200);
};
