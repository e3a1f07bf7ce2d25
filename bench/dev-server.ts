/**
 * Starts `wrangler dev` (the real workerd runtime) on a free loopback port for benchmarks and
 * load tests, waits until it answers, and stops it (with its workerd children) afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { seedLocalModels } from "../scripts/models-push.ts";

export interface DevServer {
  url: string;
  /** Peak resident memory (VmHWM, MiB) of the workerd processes so far. */
  peakMemoryMiB(): number;
  /** The pid of the workerd process running the worker (the larger of wrangler's two). */
  workerPid(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function descendants(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return ""; // ended meanwhile
  }
}

/** A process's resident memory now (VmRSS) or its peak (VmHWM), in MiB; 0 once it has ended. */
export function statusMiB(pid: number, field: "VmHWM" | "VmRSS" = "VmHWM"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * `vars` override wrangler.toml [vars] (`--var NAME:value`), e.g. to compare two settings;
 * `script` replaces wrangler.toml's main (e.g. bench/model-load.ts's all-bundled variant).
 */
export async function startDevServer(vars: Record<string, string> = {}, script?: string): Promise<DevServer> {
  // The worker reads model files from the local MODELS bucket, as under `npm start`.
  await seedLocalModels();
  const port = await freePort();
  // Its own devtools port too: wrangler dev's default (9229) made two servers started at once by
  // parallel test files collide ("Address already in use (127.0.0.1:9229)"; a fresh-clone CI run).
  let inspectorPort = await freePort();
  while (inspectorPort === port) inspectorPort = await freePort();
  execFileSync(process.execPath, ["scripts/docs-assets.mjs"], { stdio: "ignore" }); // wrangler.toml's [assets]
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
  const child: ChildProcess = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      ...(script ? [script] : []),
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--log-level",
      "error",
      ...varArgs,
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000; // a fresh clone's first start bundles everything, on 2 shared cores
  for (;;) {
    try {
      if ((await fetch(`${url}/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("wrangler dev did not start within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  let peak = 0;
  const sample = () => {
    for (const pid of descendants(child.pid!)) peak = Math.max(peak, statusMiB(pid));
    return peak;
  };
  const sampler = setInterval(sample, 500);
  return {
    url,
    peakMemoryMiB: sample,
    workerPid: () => {
      const workerd = descendants(child.pid!).filter((pid) => commandOf(pid) === "workerd");
      return workerd.sort((a, b) => statusMiB(b, "VmRSS") - statusMiB(a, "VmRSS"))[0]!;
    },
    stop: async () => {
      clearInterval(sampler);
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}
