import { PROBLEMS } from "../problem-table.ts";

const problemRows = Object.entries(PROBLEMS)
  .map(
    ([code, p]) => `<tr id="problem-${code}"><td><code>${code}</code></td><td>${p.status}</td><td>${p.title}</td></tr>`,
  )
  .join("");

/**
 * The interactive API reference, rendered in the browser from /openapi.json by a small inline
 * script: no CDN, no external assets, so it works with no network.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>probable-edge API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2430;background:#f7f8fa}
header{background:#1d2430;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
main{max-width:980px;margin:0 auto;padding:16px 24px}
details.op{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:8px 0}
details.op>summary{cursor:pointer;padding:10px 12px;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:56px;font-weight:700}.GET{color:#0a7a3d}.POST{color:#1558b0}
.body{padding:0 14px 14px}textarea{width:100%;min-height:120px;font:13px ui-monospace,monospace}
pre{background:#111827;color:#e5e7eb;padding:10px;border-radius:4px;overflow:auto;max-height:420px;font-size:12px}
input{font:13px ui-monospace,monospace;padding:3px 6px}button{padding:5px 14px;cursor:pointer}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #dde1e7;padding:4px 8px;text-align:left}
</style></head><body>
<header><h1>probable-edge API reference</h1><div id="info"></div></header>
<main>
<p>API key (only when the server sets <code>API_KEYS</code>): <input id="key" size="40" placeholder="Bearer key"></p>
<div id="ops">Loading <a href="/openapi.json">/openapi.json</a>…</div>
<h2>Problem types</h2>
<p>Every error is <code>application/problem+json</code> (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>code</code>, <code>requestId</code> and, for invalid fields, <code>errors: [{ pointer, detail }]</code>.</p>
<table><tr><th>code</th><th>status</th><th>title</th></tr>${problemRows}</table>
</main>
<script type="module">
const el = (tag, attrs = {}, ...kids) => { const e = document.createElement(tag); Object.assign(e, attrs); e.append(...kids); return e; };
const doc = await (await fetch("/openapi.json")).json();
document.getElementById("info").textContent = doc.info.title + " " + doc.info.version + " — " + (doc.info.description || "");
const resolve = (s) => s && s.$ref ? doc.components.schemas[s.$ref.split("/").pop()] : s;
const example = (s) => { s = resolve(s) || {}; if (s.example !== undefined) return s.example; if (s.examples) return s.examples[0];
  if (s.type === "object") return Object.fromEntries(Object.entries(s.properties || {}).filter(([k]) => (s.required || []).includes(k)).map(([k, v]) => [k, example(v)]));
  if (s.type === "array") return [example(s.items)]; if (s.type === "integer" || s.type === "number") return s.minimum ?? 0;
  if (s.type === "boolean") return false; if (s.enum) return s.enum[0]; return s.type === "string" ? "" : null; };
const ops = document.getElementById("ops"); ops.textContent = "";
for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
  const M = method.toUpperCase(), params = op.parameters || [];
  const inputs = params.map((p) => el("label", {}, " " + p.name + " (" + p.in + ") ", el("input", { name: p.name, value: p.schema?.example ?? p.example ?? "" })));
  const media = op.requestBody ? Object.keys(op.requestBody.content)[0] : null;
  const bodyBox = media === "application/json" ? el("textarea", { value: JSON.stringify(example(op.requestBody.content[media].schema), null, 2) }) : null;
  const out = el("pre", { textContent: "" });
  const send = el("button", { textContent: "Send", onclick: async () => {
    let url = path; const query = new URLSearchParams();
    for (const p of params) { const v = ops.querySelector("#op-" + CSS.escape(M + path) + " input[name=" + p.name + "]").value;
      if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(v)); else if (v) query.set(p.name, v); }
    const headers = {}; const key = document.getElementById("key").value.trim(); if (key) headers.authorization = "Bearer " + key;
    if (bodyBox) headers["content-type"] = "application/json";
    const t0 = performance.now(); const r = await fetch(url + (query.size ? "?" + query : ""), { method: M, headers, body: bodyBox ? bodyBox.value : undefined });
    const type = r.headers.get("content-type") || ""; const ms = (performance.now() - t0).toFixed(1);
    const text = type.startsWith("image/") ? "(" + type + ", " + (await r.blob()).size + " bytes)" : await r.text();
    let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
    out.textContent = r.status + " " + r.statusText + " in " + ms + " ms\\n" + shown; } });
  const body = el("div", { className: "body" }, el("p", { textContent: op.description || "" }), ...inputs,
    ...(bodyBox ? [el("p", {}, "Body (" + media + "):"), bodyBox] : media ? [el("p", { textContent: "Body: " + media + " (use curl)" })] : []),
    el("p", {}, send), out);
  ops.append(el("details", { className: "op", id: "op-" + M + path }, el("summary", {}, el("span", { className: "m " + M, textContent: M }), path + " — " + (op.summary || "")), body));
}
</script></body></html>`;
