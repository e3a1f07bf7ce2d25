import { encodePng } from "../shared/image/png-codec.ts";
import { renderPhantom } from "../shared/lesion/phantom.ts";
import { createRng } from "../shared/numeric/rng.ts";

/** A 256² phantom radiograph for the detector, base64 as a JSON client sends it. */
const PHANTOM_256 = Buffer.from(encodePng(renderPhantom(createRng(1), 256).image)).toString("base64");

/** The requests the load test drives, one representative call per endpoint. */
export interface LoadTarget {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: unknown;
}

export const LOAD_TARGETS: LoadTarget[] = [
  { name: "health", method: "GET", path: "/v1/health" },
  { name: "models", method: "GET", path: "/v1/models" },
  {
    name: "uncertainty",
    method: "POST",
    path: "/v1/uncertainty",
    body: {
      members: [
        [0.7, 0.2, 0.1],
        [0.5, 0.3, 0.2],
        [0.9, 0.05, 0.05],
      ],
    },
  },
  { name: "spn/logprob", method: "POST", path: "/v1/spn/default/logprob", body: { evidence: [{}, {}, {}] } },
  { name: "spn/marginals", method: "POST", path: "/v1/spn/default/marginals", body: { evidence: {} } },
  { name: "spn/sample", method: "POST", path: "/v1/spn/default/sample", body: { n: 10, seed: 1 } },
  {
    name: "classify",
    method: "POST",
    path: "/v1/classify/demo-classifier",
    body: { inputs: [[0.5, -1.2, 0.3, 0.9, -0.4, 1.1, 0.0, -0.7]] },
  },
  { name: "lesions/phantom", method: "GET", path: "/v1/lesions/phantom?seed=1&size=256" },
  { name: "lesions/simulate", method: "POST", path: "/v1/lesions/simulate", body: { size: 256, seed: 3, count: 1 } },
  { name: "lesions/detect", method: "POST", path: "/v1/lesions/detect", body: { image: PHANTOM_256 } },
];
