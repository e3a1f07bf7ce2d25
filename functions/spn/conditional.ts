import type { RouteHandler } from "@hono/zod-openapi";
import { spnConditional } from "../../shared/spn/queries.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { ConditionalRequest, ConditionalResponse } from "./schemas.ts";

export const conditionalRoute = spnQueryRoute(
  "conditional",
  "Exact conditional probability p(query | evidence)",
  "p(q | e) = p(q, e) / p(e), averaged over the posterior members for a Bayesian model. Evidence of probability zero is a 422 zero-probability-evidence.",
  ConditionalRequest,
  ConditionalResponse,
);

export const conditional: RouteHandler<typeof conditionalRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const { query, evidence } = c.req.valid("json");
  const { prob, logProb, uncertainty } = spnConditional(model, query, evidence);
  return c.json(model.memberCount > 1 ? { prob, logProb, uncertainty } : { prob, logProb }, 200);
};
