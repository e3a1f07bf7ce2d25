import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { timing } from "hono/timing";
import type { ModelRegistry } from "../shared/artifacts/registry.ts";
import { DOCS_HTML } from "./docs/page.ts";
import type { AppEnv } from "./env.ts";
import { handleError, validationHook } from "./error-handler.ts";
import { allowedMethods } from "./method-not-allowed.ts";
import { apiKeyAuth } from "./middleware/auth.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { cachedBody, etagResponse, type CachedBody } from "./middleware/cached-body.ts";
import { requestContext } from "./middleware/request-context.ts";
import { buildOpenApiDocument } from "./openapi/document.ts";
import { problemResponse } from "./problem.ts";
import { registerRoutes } from "./routes.ts";
import { health, healthRoute } from "./system/health.ts";
import { modelDetail, modelDetailRoute } from "./system/model-detail.ts";
import { listModels, modelsRoute } from "./system/models.ts";

/** The document and the docs page change only with a deployment: revalidate after a minute. */
const DOCS_CACHE_CONTROL = "public, max-age=60, must-revalidate";

export interface AppDeps {
  registry: ModelRegistry;
}

function corsOrigin(origin: string, allowed: string | undefined): string | null {
  const list = (allowed ?? "*").split(",").map((o) => o.trim());
  if (list.includes("*")) return "*";
  return list.includes(origin) ? origin : null;
}

/** Builds the API. The worker entry passes the bundled registry; tests pass their own. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", requestContext());
  app.use("*", timing({ totalDescription: "total" }));
  app.use("*", (c, next) =>
    cors({
      origin: (origin) => corsOrigin(origin, c.env?.CORS_ORIGINS),
      // A preflight names only the methods the path has (none for an unknown path).
      allowMethods: (_origin, ctx) => allowedMethods(app, ctx.req.path),
      maxAge: 600,
      exposeHeaders: [
        "X-Request-Id",
        "Server-Timing",
        "X-Seed",
        "X-Lesions",
        "X-Compositing-Model",
        "RateLimit",
        "RateLimit-Policy",
        "Retry-After",
        "ETag",
      ],
    })(c, next),
  );
  app.use("*", async (c, next) => {
    c.set("registry", deps.registry);
    await next();
  });
  app.use("/v1/*", apiKeyAuth());
  app.use("/v1/*", rateLimit());

  app.openapi(healthRoute, health);
  app.openapi(modelsRoute, listModels);
  app.openapi(modelDetailRoute, modelDetail);
  registerRoutes(app);

  // Both are built once per isolate; clients revalidate with If-None-Match.
  let openApi: Promise<CachedBody> | undefined;
  let docsPage: Promise<CachedBody> | undefined;
  app.get("/openapi.json", async (c) => {
    openApi ??= cachedBody(JSON.stringify(buildOpenApiDocument(app)));
    const { bytes, etag } = await openApi;
    return etagResponse(c, etag, DOCS_CACHE_CONTROL, () => ({ bytes, contentType: "application/json" }));
  });
  app.get("/docs", async (c) => {
    docsPage ??= cachedBody(DOCS_HTML);
    const { bytes, etag } = await docsPage;
    return etagResponse(c, etag, DOCS_CACHE_CONTROL, () => ({ bytes, contentType: "text/html; charset=UTF-8" }));
  });
  app.get("/", (c) => c.redirect("/docs"));
  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.notFound((c) => {
    const methods = allowedMethods(app, c.req.path);
    if (methods.length > 0) {
      return problemResponse(c, "method-not-allowed", `${c.req.method} is not allowed on ${c.req.path}`, [], {
        Allow: methods.join(", "),
      });
    }
    return problemResponse(c, "not-found", `no route ${c.req.method} ${c.req.path}`);
  });
  app.onError(handleError);
  return app;
}
