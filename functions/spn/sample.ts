import type { RouteHandler } from "@hono/zod-openapi";
import { createRng, freshSeed } from "../../shared/numeric/rng.ts";
import { spnSample } from "../../shared/spn/queries.ts";
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
  return c.json({ samples: spnSample(createRng(seed), model, n, evidence), seed }, 200);
};
