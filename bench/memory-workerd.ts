/**
 * `npm run bench:memory:workerd`: the ONNX endpoints (classify, lesions/detect) measured in workerd
 * itself, because their baseline is ONNX Runtime Web's compiled wasm code, which Node 20's V8
 * (tiering every hot kernel up to TurboFan) makes two to three times larger than workerd's does
 * (docs/loadtest.md). Per endpoint, in a fresh `wrangler dev`: the resident growth of the
 * worker's workerd process over the warm-up request (ONNX Runtime started, the model's sessions
 * created and run once), then its peak above that during the request at the cap (VmHWM reset
 * through /proc/<pid>/clear_refs). The total adds the app's own heap + external memory before any
 * request (less the client's body) and the request's typed-array bytes, both from the Node probe:
 *   total = bare (Node) + warm-up growth (workerd) + max(request peak (workerd), typed arrays (Node)).
 * MEMORY_ONLY names the endpoints instead, any of bench/memory.ts's (the SPN ones too: the served runtime's
 * figure is workerd's); exit 1 above MEMORY_LIMIT_MIB (default 100).
 */
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { startDevServer, statusMiB } from "./dev-server.ts";
import { measure, wranglerVars, type MemoryFigure } from "./memory.ts";
import { MEMORY_SCENARIOS, type MemoryRequest } from "./memory-scenarios.ts";

export const ONNX_SCENARIOS = MEMORY_SCENARIOS.filter((s) => s.onnx).map((s) => s.name);

export interface WorkerdFigure {
  name: string;
  status: number;
  warmGrowthMiB: number;
  requestPeakMiB: number;
}

/** One request on a fresh connection (wrangler's proxy may close idle kept-alive ones). */
function send(url: string, { path, init }: MemoryRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, url);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: init?.method ?? "GET",
        headers,
        agent: false,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    );
    req.on("error", reject);
    if (init?.body) req.write(init.body as Uint8Array);
    req.end();
  });
}

const settle = () => new Promise((r) => setTimeout(r, 2000));

export async function measureInWorkerd(name: string, side: number): Promise<WorkerdFigure> {
  const scenario = MEMORY_SCENARIOS.find((s) => s.name === name)!;
  const atCap = await scenario.atCap(side);
  const server = await startDevServer();
  try {
    await settle();
    const pid = server.workerPid();
    const before = statusMiB(pid, "VmRSS");
    const warm = await send(server.url, await scenario.warm());
    if (warm !== 200) throw new Error(`${name}: warm-up answered ${warm}`);
    await settle();
    const warmed = statusMiB(pid, "VmRSS");
    writeFileSync(`/proc/${pid}/clear_refs`, "5"); // VmHWM := VmRSS
    const status = await send(server.url, atCap);
    const peak = statusMiB(pid, "VmHWM");
    return { name, status, warmGrowthMiB: +(warmed - before).toFixed(1), requestPeakMiB: +(peak - warmed).toFixed(1) };
  } finally {
    await server.stop();
  }
}

/** The served-path total of an ONNX endpoint (see the header). */
export function servedMiB(node: MemoryFigure, workerd: WorkerdFigure): number {
  return node.bareMiB + workerd.warmGrowthMiB + Math.max(workerd.requestPeakMiB, node.typedArraysMiB);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vars = wranglerVars();
  const side = Number(process.env.MEMORY_SIDE ?? Math.floor(Math.sqrt(Number(vars.MAX_IMAGE_PIXELS))));
  const limit = Number(process.env.MEMORY_LIMIT_MIB ?? 100);
  const only = process.env.MEMORY_ONLY?.split(",");
  let failed = false;
  const rows: string[] = [];
  // By default the ONNX endpoints; MEMORY_ONLY may name any scenario (e.g. "spn/wdbc marginals").
  const names = only ? MEMORY_SCENARIOS.filter((s) => only.includes(s.name)).map((s) => s.name) : ONNX_SCENARIOS;
  for (const name of names) {
    const node = measure(name, side, vars);
    const workerd = await measureInWorkerd(name, side);
    console.log(JSON.stringify({ node, workerd }));
    const total = servedMiB(node, workerd);
    failed ||= workerd.status !== 200 || total > limit;
    rows.push(
      `| ${name} | ${workerd.status} | ${node.bareMiB} | ${workerd.warmGrowthMiB} | ${workerd.requestPeakMiB} | ${node.typedArraysMiB} | ${total.toFixed(1)} | ${(total / limit).toFixed(2)} | ${node.baselineMiB} + ${node.typedArraysMiB} |`,
    );
  }
  console.log(`\nimage side ${side} px; limit ${limit} MiB\n`);
  console.log(
    "| endpoint | status | app before any request MiB (Node heap + external) | warm-up growth MiB (workerd RSS) | request peak MiB (workerd RSS) | request typed arrays MiB (Node) | total MiB | total / limit | Node-only baseline + typed arrays, for comparison |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(r);
  process.exit(failed ? 1 : 0);
}
