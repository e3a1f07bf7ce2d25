import type { RouteHandler } from "@hono/zod-openapi";
import type { Uncertainty } from "../../shared/spn/spread.ts";
import { spnMarginals } from "../../shared/spn/queries.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { MarginalsRequest, MarginalsResponse } from "./schemas.ts";

export const marginalsRoute = spnQueryRoute(
  "marginals",
  "Every single-variable posterior in one pass",
  "p(X = x | e) for every variable and state (or only the listed variables) from one upward and one downward pass, not one pass per variable. Gaussian variables give their posterior mean and variance.",
  MarginalsRequest,
  MarginalsResponse,
);

type Posterior = Record<string, number> | { mean: number; variance: number };

export const marginals: RouteHandler<typeof marginalsRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const { evidence, variables } = c.req.valid("json");
  const answers = spnMarginals(model, evidence, variables);
  const posterior: Record<string, Posterior> = {};
  const spread: Record<string, Record<string, Uncertainty>> = {};
  for (const a of answers) {
    posterior[a.variable] = a.type === "gaussian" ? { mean: a.mean, variance: a.variance } : a.probabilities;
    if (a.uncertainty) spread[a.variable] = a.uncertainty;
  }
  return c.json(model.memberCount > 1 ? { marginals: posterior, uncertainty: spread } : { marginals: posterior }, 200);
};
