import type { OpenAPIHono } from "@hono/zod-openapi";
import { classify, classifyRoute } from "./classify/classify.ts";
import type { AppEnv } from "./env.ts";
import { detect, detectRoute } from "./lesions/detect.ts";
import { phantom, phantomRoute } from "./lesions/phantom.ts";
import { simulate, simulateRoute } from "./lesions/simulate.ts";
import { conditional, conditionalRoute } from "./spn/conditional.ts";
import { describe, describeRoute } from "./spn/describe.ts";
import { logProb, logProbRoute } from "./spn/logprob.ts";
import { marginals, marginalsRoute } from "./spn/marginals.ts";
import { mpe, mpeRoute } from "./spn/mpe.ts";
import { sample, sampleRoute } from "./spn/sample.ts";
import { uncertainty, uncertaintyRoute } from "./uncertainty/scores.ts";

/** Every product endpoint, one file each under its feature folder. */
export function registerRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(describeRoute, describe);
  app.openapi(logProbRoute, logProb);
  app.openapi(conditionalRoute, conditional);
  app.openapi(marginalsRoute, marginals);
  app.openapi(mpeRoute, mpe);
  app.openapi(sampleRoute, sample);
  app.openapi(uncertaintyRoute, uncertainty);
  app.openapi(classifyRoute, classify);
  app.openapi(simulateRoute, simulate);
  app.openapi(phantomRoute, phantom);
  app.openapi(detectRoute, detect);
}
