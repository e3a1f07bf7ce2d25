import type { RouteHandler } from "@hono/zod-openapi";
import { type MpeAnswer, spnMpe } from "../../shared/spn/queries.ts";
import { spnMpeBatch } from "../../shared/spn/queries-batch.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { MpeRequest, MpeResponse } from "./schemas.ts";

export const mpeRoute = spnQueryRoute(
  "mpe",
  "Most probable explanation given the evidence",
  "The assignment maximising the posterior-predictive mixture among the members' max-product MPEs (each scored under the mixture). `exact` is true only when proven: every member selective (so its max-product value M_s is its exact maximum) and the mixture value at the answer reaches the upper bound (1/S) Σ_s M_s; always so for one selective member. Otherwise it is the standard approximation. Send `evidence` or `evidenceBatch` (answers in `results`); a batch may cost at most MAX_MPE_EDGE_VISITS = 2^30 work units (rows × members × (members + 1) × (edges + Σ p(p + 1)/2 over the multivariate-Gaussian leaves, p each leaf's dimension): ~350 rows of nltcs, ~200 of plants, ~118 of wdbc), the error naming the most rows the model takes.",
  MpeRequest,
  MpeResponse,
);

export const mpe: RouteHandler<typeof mpeRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const body = c.req.valid("json");
  if (body.evidenceBatch !== undefined)
    return c.json({ results: spnMpeBatch(model, body.evidenceBatch).map(shown) }, 200);
  return c.json(shown(spnMpe(model, body.evidence ?? {})), 200);
};

function shown({ assignment, logProb, exact, uncertainty, parameterUncertainty }: MpeAnswer) {
  const base = { assignment, logProb, exact };
  return uncertainty === null ? { ...base, parameterUncertainty } : { ...base, uncertainty, parameterUncertainty };
}
