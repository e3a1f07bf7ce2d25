import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { drawsPerMember } from "../../shared/spn/parameter-sets.ts";
import type { AppEnv } from "../env.ts";
import { commonProblems, jsonContent, ModelParamSchema, modelUnavailable } from "../schemas.ts";
import { spnModel } from "./model.ts";
import { MODEL_NOTE } from "./route-factory.ts";
import { DescribeResponse } from "./schemas.ts";

export const describeRoute = createRoute({
  method: "get",
  operationId: "describeSpn",
  path: "/v1/spn/{model}",
  tags: ["spn"],
  summary: "Variables, size and members of an SPN",
  description:
    "The model's variables with their types and states, its node and edge counts, its posterior members, when MPE answers are exact (`selective`, `mpeExact`), and whether spreads include parameter draws." +
    MODEL_NOTE,
  request: { params: ModelParamSchema },
  responses: { 200: jsonContent(DescribeResponse, "The model"), ...commonProblems, ...modelUnavailable },
});

export const describe: RouteHandler<typeof describeRoute, AppEnv> = async (c) => {
  const model = await spnModel(c, c.req.valid("param").model);
  return c.json(
    {
      model: model.name,
      variables: model.variables.map(({ name, type, states }) => ({ name, type, states: [...states] })),
      nodes: model.spn.nodeCount,
      edges: model.spn.edgeCount,
      members: model.memberCount,
      selective: model.selective,
      mpeExact: !model.selective
        ? ("never" as const)
        : model.memberCount === 1
          ? ("always" as const)
          : ("certified" as const),
      parameterUncertainty: drawsPerMember(model.spn) > 0,
      drawsPerMember: drawsPerMember(model.spn),
    },
    200,
  );
};
