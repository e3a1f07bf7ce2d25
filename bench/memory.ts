/**
 * `npm run bench:memory`: the peak memory of each endpoint at its caps, each in a fresh Node
 * process running the worker's own app (createApp + the models/ registry + wrangler.toml's [vars])
 * with V8's heap capped like an isolate's (--max-old-space-size=128). Prints one JSON line per
 * endpoint and a table: baseline (JS heap + external/ArrayBuffers after GC, models of that
 * endpoint loaded), and the request's peak resident memory above the baseline (kernel VmHWM),
 * which counts everything the request touches: JS heap, ArrayBuffers, wasm memory, garbage not yet
 * collected; and the bytes of typed arrays the request allocated (bench/typed-array-counter.ts). Exit 1 if any endpoint fails or its baseline + request peak exceeds MEMORY_LIMIT_MIB (default 100).
 * MEMORY_ONLY=name,name limits the endpoints; MEMORY_SIDE overrides the image side (default: the
 * square root of MAX_IMAGE_PIXELS).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { MEMORY_SCENARIOS } from "./memory-scenarios.ts";

export interface MemoryFigure {
  name: string;
  side: number;
  status: number;
  responseBytes: number;
  ms: number;
  baselineMiB: number;
  baselineArrayBuffersMiB: number;
  baselineRssMiB: number;
  requestPeakMiB: number;
  typedArraysMiB: number;
}

/** wrangler.toml's [vars] (string values only), as the worker gets them. */
export function wranglerVars(file = "wrangler.toml"): Record<string, string> {
  const section = /^\[vars\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(readFileSync(file, "utf8"))?.[1] ?? "";
  return Object.fromEntries([...section.matchAll(/^([A-Z_]+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]));
}

/**
 * What the isolate would hold at the request's peak: the warm baseline plus the larger of the
 * request's resident peak and the typed-array bytes it allocated (which counts untouched zero
 * pages that resident memory does not).
 */
export function isolateMiB(f: MemoryFigure): number {
  return f.baselineMiB + Math.max(f.requestPeakMiB, f.typedArraysMiB);
}

/** Runs one scenario in a fresh process and returns its figures. */
export function measure(name: string, side: number, vars: Record<string, string>): MemoryFigure {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=128", "--import", "tsx", "bench/memory-probe.ts", name, String(side)],
    {
      env: { ...process.env, MEMORY_ENV: JSON.stringify(vars) },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as MemoryFigure;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vars = wranglerVars();
  const side = Number(process.env.MEMORY_SIDE ?? Math.floor(Math.sqrt(Number(vars.MAX_IMAGE_PIXELS))));
  const limit = Number(process.env.MEMORY_LIMIT_MIB ?? 100);
  const only = process.env.MEMORY_ONLY?.split(",");
  let failed = false;
  const rows: string[] = [];
  for (const s of MEMORY_SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    let f: MemoryFigure;
    try {
      f = measure(s.name, side, vars);
    } catch (e) {
      failed = true;
      console.log(JSON.stringify({ name: s.name, side, error: String(e).slice(0, 300) }));
      rows.push(`| ${s.name} | ${s.cap} | crashed (see above) | | | | | | |`);
      continue;
    }
    console.log(JSON.stringify(f));
    const total = isolateMiB(f);
    failed ||= f.status !== 200 || total > limit;
    rows.push(
      `| ${s.name} | ${s.cap} | ${f.status} | ${f.baselineMiB} | ${f.requestPeakMiB} | ${f.typedArraysMiB} | ${total.toFixed(1)} | ${(total / limit).toFixed(2)} | ${f.ms} |`,
    );
  }
  console.log(`\nimage side ${side} px; limit ${limit} MiB per request\n`);
  console.log(
    "| endpoint | cap | status | baseline MiB (heap + external, models loaded) | request RSS peak MiB | request typed arrays MiB | total MiB | total / limit | ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
  process.exit(failed ? 1 : 0);
}
