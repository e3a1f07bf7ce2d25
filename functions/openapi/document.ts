import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { SERVICE_VERSION } from "../version.ts";
import { HEADERS, headersFor, problemResponse405, problemResponse429 } from "./responses.ts";

type Document = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;
type Operation = {
  responses: Record<string, { description?: string; content?: unknown; headers?: Record<string, unknown> }>;
};

const TAGS = [
  { name: "service", description: "Health and the deployed models: what each takes, answers and how it was made." },
  {
    name: "spn",
    description: "Exact queries on sum-product networks (Bayesian ensembles give their epistemic spread).",
  },
  { name: "uncertainty", description: "Total, aleatoric and epistemic uncertainty of any ensemble's predictions." },
  {
    name: "classify",
    description: "Calibrated classification with abstention (ONNX backbones run inside the worker).",
  },
  { name: "lesions", description: "Synthetic chest-radiograph lesions and phantoms, as PNG or JSON with base64." },
];

/**
 * The OpenAPI 3.1 document a client generator can use as is. Routes give their own schemas and
 * operation ids; the parts every operation shares (auth, headers, 405/429) are added here once,
 * so a new route cannot forget them.
 */
export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>): Document {
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description:
      "`Authorization: Bearer <key>`. Enforced only when the deployment sets the API_KEYS secret (SHA-256 hashes of the accepted keys); without it the API is open and the header is ignored.",
  });
  for (const [name, header] of Object.entries(HEADERS)) app.openAPIRegistry.registerComponent("headers", name, header);
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "probable-edge",
      version: SERVICE_VERSION,
      description:
        "Exact probabilities and honest uncertainty at the edge: sum-product networks, calibrated classification, epistemic-uncertainty scores and simulated lesions. Errors are RFC 9457 problem+json; every response carries X-Request-Id.",
      license: { name: "MIT", url: "https://spdx.org/licenses/MIT.html" },
    },
    servers: [
      { url: "http://127.0.0.1:8787", description: "local: npm start (wrangler dev)" },
      { url: "/", description: "the origin serving this document" },
    ],
    security: [{ apiKey: [] }],
    tags: TAGS,
  });
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      op.responses["405"] = problemResponse405;
      op.responses["429"] = problemResponse429;
      for (const [status, response] of Object.entries(op.responses)) {
        response.headers = { ...headersFor(status), ...response.headers };
      }
    }
  }
  return doc;
}
