// `npm start`: serves the API on http://127.0.0.1:8787 with wrangler dev (the real workerd
// runtime), offline: no login, no telemetry. Extra arguments go to wrangler.
import { execFileSync, spawn } from "node:child_process";

let commit = "";
try {
  commit = execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
    .toString()
    .trim();
} catch {
  // not a git checkout: /v1/health reports commit null
}

// Model files are read from the MODELS R2 bucket: fill wrangler's local one from models/ first
// (skipped when models/ is unchanged since the last seed; scripts/models-push.ts).
execFileSync(process.execPath, ["--import", "tsx", "scripts/models-push.ts", "--seed"], { stdio: "inherit" });

const args = ["wrangler", "dev", "--ip", "127.0.0.1", "--port", process.env.PORT ?? "8787"];
if (commit) args.push("--var", `GIT_COMMIT:${commit}`);
args.push(...process.argv.slice(2));

const child = spawn("npx", args, {
  stdio: "inherit",
  env: {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    // The banner's update check asks the npm registry for a newer wrangler on every start.
    WRANGLER_HIDE_BANNER: "true",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
