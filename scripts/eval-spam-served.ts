/**
 * `npm run eval:spam:served [-- --record]`: the served spam-lpft figures on raw e-mails through
 * the worker (trainers/spam-lpft/served-eval.ts), printed as a table and JSON. `--record` writes
 * them into models/spam-lpft/manifest.json as "served.*" metrics (what GET /v1/models/spam-lpft
 * returns and what the served-figures test checks) and into the report between its
 * served-figures markers; then run `npm run models:index`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { evaluateServed } from "../trainers/spam-lpft/served-eval.ts";
import { servedMetrics } from "../trainers/spam-lpft/served-figures.ts";
import { servedMarkdown, SERVED_BEGIN, SERVED_END } from "../trainers/spam-lpft/served-markdown.ts";

const MODEL_DIR = "models/spam-lpft";
const REPORT = "docs/spam-lpft-report.md";
const record = process.argv.includes("--record");

const run = await evaluateServed(MODEL_DIR);
const markdown = servedMarkdown(run);
console.log(markdown);
console.log(JSON.stringify({ seconds: Math.round(run.seconds), requests: run.requests, ...run.figures }, null, 1));
if (record) {
  const path = `${MODEL_DIR}/manifest.json`;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as {
    metrics: Record<string, unknown>;
    training: { commands?: Record<string, string> };
  };
  manifest.metrics = {
    ...Object.fromEntries(Object.entries(manifest.metrics).filter(([k]) => !k.startsWith("served."))),
    ...servedMetrics(run.figures),
  };
  manifest.training.commands = { ...manifest.training.commands, servedFigures: "npm run eval:spam:served -- --record" };
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  const report = readFileSync(REPORT, "utf8");
  const [a, b] = [report.indexOf(SERVED_BEGIN), report.indexOf(SERVED_END)];
  if (a < 0 || b < a) throw new Error(`${REPORT} has no ${SERVED_BEGIN} … ${SERVED_END} block`);
  writeFileSync(REPORT, report.slice(0, a + SERVED_BEGIN.length) + "\n" + markdown + "\n" + report.slice(b));
  console.log(`recorded in ${path} and ${REPORT}; now run npm run models:index`);
}
