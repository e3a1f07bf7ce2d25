import type { RouteHandler } from "@hono/zod-openapi";
import { spnMpe } from "../../shared/spn/queries.ts";
import type { AppEnv } from "../env.ts";
import { spnModel } from "./model.ts";
import { spnQueryRoute } from "./route-factory.ts";
import { MpeRequest, MpeResponse } from "./schemas.ts";

export const mpeRoute = spnQueryRoute(
  "mpe",
  "Most probable explanation given the evidence",
  "Max-product upward pass and backtracking. `exact` is true only where max-product is guaranteed exact: a single-member selective SPN. Otherwise it is the standard approximation (for a Bayesian model, on the uniform mixture of the members).",
  MpeRequest,
  MpeResponse,
);

export const mpe: RouteHandler<typeof mpeRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  const { assignment, logProb, exact, uncertainty } = spnMpe(model, c.req.valid("json").evidence);
  const body = { assignment, logProb, exact };
  return c.json(model.memberCount > 1 ? { ...body, uncertainty } : body, 200);
};
