import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import { uncertainty, uncertaintyRoute } from "./uncertainty/scores.ts";

/** Every product endpoint, one file each under its feature folder. */
export function registerRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(uncertaintyRoute, uncertainty);
}
