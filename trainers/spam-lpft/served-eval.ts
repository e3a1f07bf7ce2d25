import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startDevServer } from "../../bench/dev-server.ts";
import { classifyAll, type Post, type ServedPrediction } from "./served-client.ts";
import { servedFigures, type ServedFigures } from "./served-figures.ts";
import { SERVED_SETS, servedSets, testSplit, type ServedSetName, type TestSplit } from "./served-sets.ts";

/**
 * The served model's figures: every raw e-mail of the test split, easy-ham-2, spam-2 and
 * hard-ham-1 (and the issue-14 probe: 150 spam-2 bodies) sent to POST /v1/classify/spam-lpft
 * of the worker in workerd (`wrangler dev`), then scored. The split comes from the manifest's
 * seed through the trainer's own code, so it is the split the model was trained on.
 */
export interface ServedRun {
  figures: ServedFigures;
  split: TestSplit & { scheme: string };
  seconds: number;
  requests: number;
}

export interface ModelFacts {
  seed: number;
  splitScheme: string | undefined;
  labels: string[];
  metrics: Record<string, unknown>;
}

export function manifestOf(modelDir: string): ModelFacts {
  const m = JSON.parse(readFileSync(join(modelDir, "manifest.json"), "utf8")) as {
    training: { seed: number; splitScheme?: string };
    labels: string[];
    metrics: Record<string, unknown>;
  };
  return { seed: m.training.seed, splitScheme: m.training.splitScheme, labels: m.labels, metrics: m.metrics };
}

export async function evaluateServed(modelDir = "models/spam-lpft", model = "spam-lpft"): Promise<ServedRun> {
  const { seed, labels, splitScheme } = manifestOf(modelDir);
  const split = testSplit(seed, splitScheme);
  const sets = servedSets(split);
  const server = await startDevServer();
  let requests = 0;
  const post: Post = (path, body) => {
    requests++;
    return fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  };
  try {
    const t0 = performance.now();
    const preds = {} as Record<ServedSetName, (ServedPrediction | undefined)[]>;
    for (const name of SERVED_SETS) preds[name] = await classifyAll(post, model, labels, sets[name].texts);
    return {
      figures: servedFigures(sets, preds, labels.length),
      split: { ...split, scheme: splitScheme ?? "legacy (before issue 14)" },
      seconds: (performance.now() - t0) / 1000,
      requests,
    };
  } finally {
    await server.stop();
  }
}
