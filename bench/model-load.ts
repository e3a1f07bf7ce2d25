/**
 * `npm run bench:model-load`: the first request to a model in a fresh isolate when its files come
 * from the MODELS R2 bucket (the served worker, wrangler dev with the local bucket `npm start`
 * seeds) against the same worker with every model file bundled into the script (how the worker
 * was built before issue 16 part 4; generated under .wrangler/bench-bundled/). Each round starts
 * both servers in turn (A/B alternating, BENCH_ROUNDS, default 2); per model it times the first
 * request (fetch + sha256 + compile + answer) and the median of 5 warm ones after it, from Node
 * (workerd freezes its clocks during synchronous code). Prints JSON lines, then a table with
 * medians over rounds and the R2 / bundled ratios.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { modelNamesIn } from "../shared/node/model-source.ts";
import { startDevServer } from "./dev-server.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BUNDLED_DIR = join(".wrangler", "bench-bundled");
const REQUESTS: { model: string; path: string; body: unknown }[] = [
  { model: "plants", path: "/v1/spn/plants/logprob", body: { evidence: [{}] } },
  { model: "wdbc", path: "/v1/spn/wdbc/logprob", body: { evidence: [{}] } },
  { model: "nltcs", path: "/v1/spn/nltcs/logprob", body: { evidence: [{}] } },
  {
    model: "spam-lpft",
    path: "/v1/classify/spam-lpft",
    body: { texts: ["Hi Bob, attached are the minutes from yesterday's meeting."] },
  },
];

/** The former build: an entry whose registry reads every model file from the script bundle. */
function writeBundledVariant(): string {
  mkdirSync(BUNDLED_DIR, { recursive: true });
  const imports: string[] = [];
  const entries: string[] = [];
  for (const name of modelNamesIn("models")) {
    const manifest = JSON.parse(readFileSync(join("models", name, "manifest.json"), "utf8")) as {
      files: { path: string }[];
    };
    const fields = ["manifest.json", ...manifest.files.map((f) => f.path)].map((file) => {
      imports.push(`import f${imports.length} from "../../models/${name}/${file}";`);
      return `${JSON.stringify(file)}: f${imports.length - 1}`;
    });
    entries.push(`  ${JSON.stringify(name)}: { ${fields.join(", ")} },`);
  }
  writeFileSync(
    join(BUNDLED_DIR, "models-bundled.ts"),
    `${imports.join("\n")}\nexport const MODEL_FILES = {\n${entries.join("\n")}\n};\n`,
  );
  const entry = join(BUNDLED_DIR, "entry.ts");
  writeFileSync(
    entry,
    [
      'import { createApp } from "../../functions/app.ts";',
      'import { memorySource, ModelRegistry } from "../../shared/artifacts/registry.ts";',
      'import { MODEL_LOADERS } from "../../shared/models.ts";',
      'import spnEvaluator from "../../shared/spn/wasm/evaluator.wasm";',
      'import { useSpnWasmModule } from "../../shared/spn/wasm/module.ts";',
      'import { MODEL_FILES } from "./models-bundled.ts";',
      "useSpnWasmModule(spnEvaluator);",
      "export default createApp({ registry: new ModelRegistry(memorySource(MODEL_FILES), MODEL_LOADERS) });",
      "",
    ].join("\n"),
  );
  return entry;
}

async function timed(url: string, body: unknown): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${new TextDecoder().decode(answer).slice(0, 300)}`);
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : round1((s[mid - 1]! + s[mid]!) / 2);
}
const round1 = (x: number) => Math.round(x * 10) / 10;

async function measureVariant(variant: "r2" | "bundled", script: string | undefined) {
  const server = await startDevServer({}, script);
  try {
    const figures: Record<string, { firstMs: number; warmMs: number }> = {};
    for (const r of REQUESTS) {
      const firstMs = await timed(server.url + r.path, r.body);
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push(await timed(server.url + r.path, r.body));
      figures[r.model] = { firstMs: round1(firstMs), warmMs: round1(median(warm)) };
    }
    return { variant, figures, workerdPeakMiB: round1(server.peakMemoryMiB()) };
  } finally {
    await server.stop();
  }
}

const bundledEntry = writeBundledVariant();
const runs: Awaited<ReturnType<typeof measureVariant>>[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order so that a drift in machine load does not favour one side.
  const order = round % 2 === 0 ? (["r2", "bundled"] as const) : (["bundled", "r2"] as const);
  for (const variant of order) {
    const run = await measureVariant(variant, variant === "bundled" ? bundledEntry : undefined);
    console.log(JSON.stringify({ round, ...run }));
    runs.push(run);
  }
}

console.log(`\nmedians over ${ROUNDS} rounds (ms, wall time from Node, loopback HTTP included)\n`);
console.log("| model | first request, R2 | first request, bundled | ratio R2 / bundled | warm, R2 | warm, bundled |");
console.log("|---|---|---|---|---|---|");
for (const { model } of REQUESTS) {
  const pick = (v: string, k: "firstMs" | "warmMs") =>
    median(runs.filter((r) => r.variant === v).map((r) => r.figures[model]![k]));
  const [r2, bundled] = [pick("r2", "firstMs"), pick("bundled", "firstMs")];
  console.log(
    `| ${model} | ${r2} | ${bundled} | ${(r2 / bundled).toFixed(2)} | ${pick("r2", "warmMs")} | ${pick("bundled", "warmMs")} |`,
  );
}
const peak = (v: string) => median(runs.filter((r) => r.variant === v).map((r) => r.workerdPeakMiB));
console.log(
  `\nworkerd peak resident memory (whole local process): R2 ${peak("r2")} MiB, bundled ${peak("bundled")} MiB`,
);
