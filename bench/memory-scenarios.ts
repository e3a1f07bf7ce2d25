/**
 * The requests bench/memory.ts sends, one per endpoint at its caps (largest image, largest
 * batch), each with a small warm-up request of the same endpoint so that the model is loaded and
 * the code compiled before the baseline is taken.
 */
import { encodePng } from "../shared/image/png-codec.ts";
import { PHANTOM_SIZE_RANGE, renderPhantom } from "../shared/lesion/phantom.ts";
import { MAX_INPUT_ROWS } from "../shared/classify/caps.ts";
import { createRng } from "../shared/numeric/rng.ts";
import { json, type MemoryRequest, type MemoryScenario } from "./memory-request.ts";
import { SPN_SCENARIOS } from "./memory-scenarios-spn.ts";
import { rleDicom } from "./rle-dicom.ts";

export type { MemoryRequest, MemoryScenario };

/** A multipart simulate/detect request carrying a PNG phantom of side × side pixels. */
async function pngForm(path: string, side: number, accept: string): Promise<MemoryRequest> {
  // 16-bit by default (the larger decoded image); MEMORY_BITS=8 keeps a 4096² PNG under MAX_IMAGE_BYTES.
  const bits = process.env.MEMORY_BITS === "8" ? 8 : 16;
  const png = encodePng(renderPhantom(createRng(5), side, bits).image);
  const form = new FormData();
  form.set("image", new Blob([png as Uint8Array<ArrayBuffer>], { type: "image/png" }), "cxr.png");
  if (path.endsWith("/simulate")) form.set("seed", "3");
  const encoded = new Request("http://x/", { method: "POST", body: form });
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const headers = {
    accept,
    "content-type": encoded.headers.get("content-type")!,
    "content-length": String(bytes.length),
  };
  return { path, init: { method: "POST", headers, body: bytes } };
}

/** An RLE Lossless 16-bit DICOM of a phantom as multipart, answered as DICOM SC + SEG. */
async function rleDicomForm(side: number): Promise<MemoryRequest> {
  const { image } = renderPhantom(createRng(5), side, 16);
  const form = new FormData();
  form.set(
    "image",
    new Blob([rleDicom(side, side, image.data as Uint16Array) as Uint8Array<ArrayBuffer>], {
      type: "application/dicom",
    }),
    "cxr.dcm",
  );
  form.set("seed", "3");
  const encoded = new Request("http://x/", { method: "POST", body: form });
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  const headers = {
    accept: "application/dicom",
    "content-type": encoded.headers.get("content-type")!,
    "content-length": String(bytes.length),
  };
  return { path: "/v1/lesions/simulate?mask=seg", init: { method: "POST", headers, body: bytes } };
}

export const MEMORY_SCENARIOS: MemoryScenario[] = [
  { name: "health", cap: "-", warm: () => ({ path: "/v1/health" }), atCap: () => ({ path: "/v1/models" }) },
  {
    name: "uncertainty",
    cap: "1 MiB JSON (160 members x 1000 classes)",
    warm: () =>
      json("/v1/uncertainty", {
        members: [
          [0.7, 0.3],
          [0.4, 0.6],
        ],
      }),
    atCap: () => {
      const row = Array.from({ length: 1000 }, (_, i) => Math.round(((i % 7) + 1) * 137) / 1000);
      return json("/v1/uncertainty", { logits: Array.from({ length: 160 }, () => row) });
    },
  },
  ...SPN_SCENARIOS,
  {
    name: "classify",
    onnx: true,
    cap: `${MAX_INPUT_ROWS} rows`,
    warm: () => json("/v1/classify/demo-classifier", { inputs: [[0.5, -1.2, 0.3, 0.9, -0.4, 1.1, 0.0, -0.7]] }),
    atCap: () =>
      json("/v1/classify/demo-classifier", {
        inputs: Array.from({ length: MAX_INPUT_ROWS }, (_, i) => [0.5, -1.2, 0.3, 0.9, -0.4, 1.1, 0.0, i / 64]),
      }),
  },
  {
    name: "lesions/phantom",
    cap: `size = ${PHANTOM_SIZE_RANGE[1]}, JSON`,
    warm: () => ({ path: "/v1/lesions/phantom?seed=1&size=64" }),
    atCap: () => ({
      path: `/v1/lesions/phantom?seed=2&size=${PHANTOM_SIZE_RANGE[1]}`,
      init: { headers: { accept: "application/json" } },
    }),
  },
  {
    name: "lesions/simulate (phantom)",
    cap: `size = ${PHANTOM_SIZE_RANGE[1]}, 3 lesions, JSON`,
    warm: () => json("/v1/lesions/simulate", { size: 64, seed: 1 }),
    atCap: () => json("/v1/lesions/simulate", { size: PHANTOM_SIZE_RANGE[1], seed: 4, count: 3 }),
  },
  {
    name: "lesions/simulate (upload)",
    cap: "MAX_IMAGE_PIXELS 16-bit PNG, JSON",
    warm: () => json("/v1/lesions/simulate", { size: 64, seed: 1 }),
    atCap: (side) => pngForm("/v1/lesions/simulate", side, "application/json"),
  },
  {
    name: "lesions/simulate (RLE DICOM → DICOM + SEG)",
    cap: "MAX_IMAGE_PIXELS 16-bit RLE DICOM, Accept: application/dicom, ?mask=seg",
    warm: () => json("/v1/lesions/simulate", { size: 64, seed: 1 }),
    atCap: (side) => rleDicomForm(side),
  },
  {
    name: "lesions/detect",
    onnx: true,
    cap: "MAX_IMAGE_PIXELS 16-bit PNG",
    warm: () => pngForm("/v1/lesions/detect", 256, "application/json"),
    atCap: (side) => pngForm("/v1/lesions/detect", side, "application/json"),
  },
];
