import type { RouteHandler, z } from "@hono/zod-openapi";
import type { Uncertainty } from "../../shared/spn/spread.ts";
import { type MarginalsAnswer, spnMarginals } from "../../shared/spn/queries.ts";
import { spnMarginalsBatchRows } from "../../shared/spn/queries-batch.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { jsonRowsResponse } from "./json-rows.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { MarginalsRequest, MarginalsResponse } from "./schemas.ts";

export const marginalsRoute = spnQueryRoute(
  "marginals",
  "Every single-variable posterior in one pass",
  "p(X = x | e) for every variable and state (or only the listed variables) from one upward and one downward pass per parameter set, not one pass per variable. For a Bayesian model it is the posterior-predictive mixture Σ_s w_s p_s(X | e) with w_s ∝ p_s(e), so it agrees with /conditional. Gaussian variables give their posterior mean and variance. Send `evidence` or `evidenceBatch` (answers in `results`, computed in batched passes); a batch answers at most MAX_MARGINAL_VALUES = 32,768 values (rows × the answered variables' states, a Gaussian counting 2), e.g. 1,024 rows of a model with 16 binary variables, so that the answer fits a 128 MB isolate.",
  MarginalsRequest,
  MarginalsResponse,
);

type Posterior = Record<string, number> | { mean: number; variance: number };

export const marginals: RouteHandler<typeof marginalsRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const body = c.req.valid("json");
  if (body.evidenceBatch !== undefined) {
    // Every row is computed (and any error thrown) before the stream starts; a row's objects are
    // built only as it is written: the bytes of c.json({ results: answers.map(shown) }) (json-rows.ts).
    const answers = spnMarginalsBatchRows(model, body.evidenceBatch, body.variables);
    return jsonRowsResponse<z.infer<typeof MarginalsResponse>>(
      c,
      '{"results":[',
      answers.length,
      (i) => JSON.stringify(shown(answers.row(i))),
      "]}",
    );
  }
  return c.json(shown(spnMarginals(model, body.evidence ?? {}, body.variables)), 200);
};

function shown({ marginals: answers, parameterUncertainty }: MarginalsAnswer) {
  const posterior: Record<string, Posterior> = {};
  const spread: Record<string, Record<string, Uncertainty>> = {};
  let any = false;
  for (const a of answers) {
    posterior[a.variable] = a.type === "gaussian" ? { mean: a.mean, variance: a.variance } : a.probabilities;
    if (a.uncertainty) [spread[a.variable], any] = [a.uncertainty, true];
  }
  return any
    ? { marginals: posterior, uncertainty: spread, parameterUncertainty }
    : { marginals: posterior, parameterUncertainty };
}
