import type { RouteHandler } from "@hono/zod-openapi";
import { type ConditionalAnswer, spnConditional } from "../../shared/spn/queries.ts";
import { spnConditionalBatch } from "../../shared/spn/queries-batch.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { ConditionalRequest, ConditionalResponse } from "./schemas.ts";

export const conditionalRoute = spnQueryRoute(
  "conditional",
  "Exact conditional probability p(query | evidence)",
  "p(q | e) = p(q, e) / p(e) of the posterior predictive: for a Bayesian model Σ_s p_s(q, e) / Σ_s p_s(e), i.e. each member weighted by how well it explains the evidence, so it equals exp(logprob(q ∪ e) − logprob(e)). Send `evidence` for one row or `evidenceBatch` for up to 10,000 rows (answers in `results`). Evidence the model gives probability zero is a 422 zero-probability-evidence.",
  ConditionalRequest,
  ConditionalResponse,
);

export const conditional: RouteHandler<typeof conditionalRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const body = c.req.valid("json");
  if (body.evidenceBatch !== undefined) {
    return c.json({ results: spnConditionalBatch(model, body.query, body.evidenceBatch).map(shown) }, 200);
  }
  return c.json(shown(spnConditional(model, body.query, body.evidence ?? {})), 200);
};

function shown({ prob, logProb, uncertainty, parameterUncertainty }: ConditionalAnswer) {
  return uncertainty === null
    ? { prob, logProb, parameterUncertainty }
    : { prob, logProb, uncertainty, parameterUncertainty };
}
