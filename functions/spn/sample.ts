import type { RouteHandler, z } from "@hono/zod-openapi";
import { createRng, freshSeed } from "../../shared/numeric/rng.ts";
import { spnSampleRows } from "../../shared/spn/queries.ts";
import { jsonRowsResponse } from "./json-rows.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { SampleRequest, SampleResponse } from "./schemas.ts";

export const sampleRoute = spnQueryRoute(
  "sample",
  "Exact samples from p(x | evidence)",
  "Ancestral sampling conditioned exactly on the evidence (a Bayesian model samples its posterior predictive: a member per draw). The same seed gives the same samples; without one, a fresh seed is drawn and echoed. Up to 10,000 samples.",
  SampleRequest,
  SampleResponse,
);

export const sample: RouteHandler<typeof sampleRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const { n, evidence, seed = freshSeed() } = c.req.valid("json");
  const row = spnSampleRows(createRng(seed), model, n, evidence);
  // The bytes of c.json({ samples, seed }), written a chunk of rows at a time (json-rows.ts).
  return jsonRowsResponse<z.infer<typeof SampleResponse>>(
    c,
    '{"samples":[',
    n,
    (i) => JSON.stringify(row(i)),
    `],"seed":${JSON.stringify(seed)}}`,
  );
};
