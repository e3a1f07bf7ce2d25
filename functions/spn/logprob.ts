import type { RouteHandler } from "@hono/zod-openapi";
import { spnLogProb } from "../../shared/spn/queries.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { LogProbRequest, LogProbResponse } from "./schemas.ts";

export const logProbRoute = spnQueryRoute(
  "logprob",
  "Exact log-probability of each evidence row",
  "log p(e) for each row (the joint when every variable is given; absent variables are marginalised), up to 10,000 rows. For a Bayesian model: the log of the posterior predictive (the mean of the members' probabilities), with the spread of the log-probabilities over the parameter sets.",
  LogProbRequest,
  LogProbResponse,
);

export const logProb: RouteHandler<typeof logProbRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const answers = spnLogProb(model, c.req.valid("json").evidence, "/evidence");
  // JSON has no −∞: JSON.stringify writes it as null, which the schema documents.
  const body = { logProb: answers.map((a) => a.logProb), parameterUncertainty: answers[0]!.parameterUncertainty };
  const spread = answers.every((a) => a.uncertainty !== null);
  return c.json(spread ? { ...body, uncertainty: answers.map((a) => a.uncertainty) } : body, 200);
};
