import { PROBLEMS } from "../problem-table.ts";

const problemRows = Object.entries(PROBLEMS)
  .map(
    ([code, p]) => `<tr id="problem-${code}"><td><code>${code}</code></td><td>${p.status}</td><td>${p.title}</td></tr>`,
  )
  .join("");

/** Where wrangler.toml's [assets] serves Swagger UI's bundle (scripts/docs-assets.mjs copies it). */
export const SWAGGER_UI_PATH = "/swagger-ui";

/**
 * The interactive API reference: Swagger UI (swagger-ui-dist, served from Workers static assets,
 * so no CDN and no web fonts) over /openapi.json, with schemas, the bearer scheme (Authorize),
 * try-it for JSON and multipart bodies (file inputs) and image responses shown as images.
 * The document lists `http://127.0.0.1:8787` first for generated clients; the page moves "/"
 * (its own origin) first so that try-it calls the server that served the page. The problem
 * types follow as a table. validatorUrl: null keeps Swagger UI from sending the document to
 * its online validator. Swagger UI sends every multipart field, unfilled ones as empty parts,
 * which the API would read as values: the request interceptor drops empty parts, so a cleared
 * field is an absent one, as in an HTML form.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>probable-edge API reference</title>
<link rel="stylesheet" href="${SWAGGER_UI_PATH}/swagger-ui.css">
<style>
body{margin:0;background:#fafafa}
#problems{max-width:1460px;margin:0 auto;padding:0 20px 40px;font:14px/1.5 sans-serif;color:#3b4151}
#problems table{border-collapse:collapse;background:#fff}
#problems td,#problems th{border:1px solid #d9dbe0;padding:4px 8px;text-align:left}
</style></head><body>
<div id="swagger-ui"><p style="font:14px sans-serif;padding:20px">Loading the API reference from <a href="/openapi.json">/openapi.json</a>…</p></div>
<section id="problems">
<h2>Problem types</h2>
<p>Every error is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>code</code>, <code>requestId</code> and, for invalid fields, <code>errors: [{ pointer, detail }]</code>.</p>
<table><tr><th>code</th><th>status</th><th>title</th></tr>${problemRows}</table>
</section>
<script src="${SWAGGER_UI_PATH}/swagger-ui-bundle.js"></script>
<script>
fetch("/openapi.json").then((r) => r.json()).then((spec) => {
  const servers = spec.servers || [];
  spec.servers = servers.filter((s) => s.url === "/").concat(servers.filter((s) => s.url !== "/"));
  window.ui = SwaggerUIBundle({
    spec, dom_id: "#swagger-ui", presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout",
    validatorUrl: null, deepLinking: true, displayOperationId: true, displayRequestDuration: true,
    filter: true, showCommonExtensions: true, defaultModelsExpandDepth: 1, tryItOutEnabled: true,
    requestInterceptor: (req) => {
      if (req.body instanceof FormData) {
        for (const [name, value] of [...req.body.entries()]) {
          if (value === "" || (value instanceof Blob && value.size === 0)) req.body.delete(name);
        }
      }
      return req;
    },
  });
}).catch((e) => { document.getElementById("swagger-ui").textContent = "Could not load /openapi.json: " + e; });
</script></body></html>`;
