import type { OpenAPIHono } from "@hono/zod-openapi";
import { classify, classifyRoute } from "./classify/classify.ts";
import type { AppEnv } from "./env.ts";
import { phantom, phantomRoute } from "./lesions/phantom.ts";
import { simulate, simulateRoute } from "./lesions/simulate.ts";
import { uncertainty, uncertaintyRoute } from "./uncertainty/scores.ts";

/** Every product endpoint, one file each under its feature folder. */
export function registerRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(uncertaintyRoute, uncertainty);
  app.openapi(classifyRoute, classify);
  app.openapi(simulateRoute, simulate);
  app.openapi(phantomRoute, phantom);
}
