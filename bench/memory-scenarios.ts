/**
 * The requests bench/memory.ts sends, one per endpoint at its caps (largest image, largest
 * batch), each with a small warm-up request of the same endpoint so that the model is loaded and
 * the code compiled before the baseline is taken.
 */
import { encodePng } from "../shared/image/png-codec.ts";
import { PHANTOM_SIZE_RANGE, renderPhantom } from "../shared/lesion/phantom.ts";
import { MAX_BATCH_ROWS, MAX_MARGINAL_VALUES, MAX_SAMPLES } from "../shared/spn/caps.ts";
import { MAX_INPUT_ROWS } from "../shared/classify/caps.ts";
import { readFileSync } from "node:fs";
import { createRng, standardNormal } from "../shared/numeric/rng.ts";
import { rleDicom } from "./rle-dicom.ts";

export interface MemoryRequest {
  path: string;
  init?: RequestInit;
}

export interface MemoryScenario {
  name: string;
  /** The cap the request sits at, in words for the table. */
  cap: string;
  warm: () => MemoryRequest | Promise<MemoryRequest>;
  atCap: (side: number) => MemoryRequest | Promise<MemoryRequest>;
  /** Runs ONNX Runtime: its baseline is compiled wasm, measured in workerd (bench/memory-workerd.ts). */
  onnx?: boolean;
}

// Bodies as bytes with a Content-Length, as an HTTP client sends them (the body-size middleware
// then checks the header instead of buffering the stream).
const json = (path: string, body: unknown, accept = "application/json"): MemoryRequest => {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return {
    path,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(bytes.length), accept },
      body: bytes,
    },
  };
};

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

/** nltcs rows: 16 binary variables x0..x15, all observed, ~200 bytes a row. */
function nltcsRows(n: number): Record<string, number>[] {
  return Array.from({ length: n }, (_, r) =>
    Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`x${i}`, (r >> (i % 14)) & 1])),
  );
}

/**
 * wdbc rows (multivariate Gaussian leaves): the 30 measurements drawn around the training means
 * and sds the manifest records, the first `observed` of them in every row (the others
 * marginalised): one missing pattern per request, as a table of patients with the same
 * measurements sends (each distinct pattern costs one factorisation per leaf and member).
 */
function wdbcRows(n: number, observed: number): Record<string, number>[] {
  const manifest = JSON.parse(readFileSync("models/wdbc/manifest.json", "utf8")) as {
    training: { table: { columns: { name: string; kind: string; mean?: number; sd?: number }[] } };
  };
  const columns = manifest.training.table.columns.filter((c) => c.kind === "continuous");
  const rng = createRng(9);
  return Array.from({ length: n }, (_, r) =>
    Object.fromEntries(
      columns
        .slice(0, observed)
        .map((c) => [c.name, Number((c.mean! + c.sd! * (standardNormal(rng) * 0.8 + (r % 3) * 0.1)).toPrecision(5))]),
    ),
  );
}

/** MEMORY_ROWS overrides the SPN batch size (to see how memory grows with it). */
const batchRows = (): number => Number(process.env.MEMORY_ROWS ?? MAX_BATCH_ROWS);

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
  {
    name: "spn/logprob",
    cap: `${MAX_BATCH_ROWS} rows`,
    warm: () => json("/v1/spn/nltcs/logprob", { evidence: [{ x0: 1 }] }),
    atCap: () =>
      json("/v1/spn/nltcs/logprob", {
        evidence: nltcsRows(batchRows()).map((r) => Object.fromEntries(Object.entries(r).slice(0, 6))),
      }),
  },
  {
    name: "spn/marginals",
    cap: `${MAX_MARGINAL_VALUES / 32} rows x 16 binary variables = MAX_MARGINAL_VALUES`,
    warm: () => json("/v1/spn/nltcs/marginals", { evidence: { x0: 1 } }),
    atCap: () =>
      json("/v1/spn/nltcs/marginals", {
        evidenceBatch: nltcsRows(Number(process.env.MEMORY_ROWS ?? MAX_MARGINAL_VALUES / 32)).map((r) =>
          Object.fromEntries(Object.entries(r).slice(0, 5)),
        ),
      }),
  },
  {
    name: "spn/conditional",
    cap: `${MAX_BATCH_ROWS} rows`,
    warm: () => json("/v1/spn/nltcs/conditional", { query: { x3: 1 }, evidence: { x0: 1 } }),
    atCap: () =>
      json("/v1/spn/nltcs/conditional", {
        query: { x10: 1 },
        evidenceBatch: nltcsRows(batchRows()).map((r) => Object.fromEntries(Object.entries(r).slice(0, 5))),
      }),
  },
  {
    name: "spn/mpe",
    cap: `${MAX_BATCH_ROWS} rows`,
    warm: () => json("/v1/spn/nltcs/mpe", { evidence: { x0: 1 } }),
    atCap: () =>
      json("/v1/spn/nltcs/mpe", {
        evidenceBatch: nltcsRows(batchRows()).map((r) => Object.fromEntries(Object.entries(r).slice(0, 5))),
      }),
  },
  {
    name: "spn/sample",
    cap: `n = ${MAX_SAMPLES}`,
    warm: () => json("/v1/spn/nltcs/sample", { n: 1, seed: 1 }),
    atCap: () => json("/v1/spn/nltcs/sample", { n: MAX_SAMPLES, seed: 1 }),
  },
  {
    name: "spn/wdbc conditional",
    cap: `${MAX_BATCH_ROWS} rows of 3 measurements`,
    warm: () => json("/v1/spn/wdbc/conditional", { query: { diagnosis: "malignant" }, evidence: wdbcRows(1, 3)[0] }),
    atCap: () =>
      json("/v1/spn/wdbc/conditional", { query: { diagnosis: "malignant" }, evidenceBatch: wdbcRows(batchRows(), 3) }),
  },
  {
    name: "spn/wdbc marginals",
    cap: `${Math.floor(MAX_MARGINAL_VALUES / 62)} rows x 62 values, 30 measurements`,
    warm: () => json("/v1/spn/wdbc/marginals", { evidence: wdbcRows(1, 3)[0] }),
    atCap: () => json("/v1/spn/wdbc/marginals", { evidenceBatch: wdbcRows(Math.floor(MAX_MARGINAL_VALUES / 62), 15) }),
  },
  {
    name: "spn/wdbc sample",
    cap: `n = ${MAX_SAMPLES}`,
    warm: () => json("/v1/spn/wdbc/sample", { n: 1, seed: 1 }),
    atCap: () => json("/v1/spn/wdbc/sample", { n: MAX_SAMPLES, seed: 1, evidence: wdbcRows(1, 3)[0] }),
  },
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
