// `npm run eval:spam:ci`: the transformer pipeline end to end on a tiny slice (a few hundred
// optimiser steps), then a second fine-tuning seed from the pretrained encoder the first run
// saved, and the LP-FT vs FT seeds table of both. Everything is written under the OS temp folder.
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const pretrained = join(tmpdir(), "spam-lpft-ci.pretrained.json");
const first = join(tmpdir(), "spam-lpft-ci.ckpt.json");
const second = join(tmpdir(), "spam-lpft-ci-ft8.ckpt.json");
const run = (args) => {
  const r = spawnSync("npx", ["tsx", ...args], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(["trainers/spam-lpft/main.ts", "--tiny", "--save-pretrained", pretrained, "--checkpoint", first]);
run(["trainers/spam-lpft/main.ts", "--tiny", "--pretrained", pretrained, "--ft-seed", "8", "--checkpoint", second]);
run(["trainers/spam-lpft/seeds-table.ts", first, second]);
