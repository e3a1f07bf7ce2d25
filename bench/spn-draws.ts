/**
 * Cost of the parameter-uncertainty spread (issue 13 item 2) on the shipped models: heap held by
 * the compiled posteriors and the draw cache, CPU time of the first answer (which draws the S x R
 * sets) and per-request CPU time with draws vs the members-only spread, same queries, one run;
 * and how much wider the served spread is than the members-only one (spn-spread.ts).
 * `npm run bench:spn:draws` (node --expose-gc for the heap figures); prints JSON.
 */
import { readFileSync } from "node:fs";
import { drawsPerMember, loadSpn, spnConditional, spnLogProb, spnMarginals, spnMpe } from "../shared/spn/index.ts";
import { DRAW_CACHE_BYTES, drawCache, hasPosteriors } from "../shared/spn/draw-cache.ts";
import { spreadRatio } from "./spn-spread.ts";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heap = (): number => {
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};
const cpuMs = (f: () => void, reps = 10): number => {
  f();
  const c = process.cpuUsage();
  for (let i = 0; i < reps; i++) f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e3 / reps;
};
const round = (x: number): number => Number(x.toPrecision(3));
const MB = 1024 * 1024;

const keep: unknown[] = []; // hold every model so that the heap figures are not freed under us
const out: Record<string, unknown> = {
  command: "npm run bench:spn:draws",
  node: process.version,
  drawCacheBudgetMB: DRAW_CACHE_BYTES / MB,
};
for (const name of ["nltcs", "plants", "example"]) {
  const json = readFileSync(new URL(`../models/${name}/spn.json`, import.meta.url), "utf8");
  const before = heap();
  const model = loadSpn(json, name);
  keep.push(model);
  const loaded = heap();
  // Read before the first answer: building the draw cache drops the compiled posteriors.
  const posteriorBytes = (model.spn.posteriors ?? []).reduce(
    (a, p) => a + p.edgeConcentration.byteLength + p.leafPosterior.byteLength,
    0,
  );
  const row = Object.fromEntries(model.variables.slice(0, 3).map((v) => [v.name, v.states[1] ?? 0]));
  const query = { [model.variables[4]!.name]: model.variables[4]!.states[0] ?? 0 };
  const c = process.cpuUsage();
  spnLogProb(model, [row]); // builds the draw cache
  const d = process.cpuUsage(c);
  const drawn = heap();
  // The members-only model: the same artifact without posterior statistics.
  const plain = JSON.parse(json) as { members: { posterior?: unknown }[] };
  plain.members.forEach((m) => delete m.posterior);
  const members = loadSpn(plain, name);
  keep.push(members);
  const perRequest = (m: typeof model) => ({
    conditionalMs: round(cpuMs(() => spnConditional(m, query, row))),
    marginalsMs: round(cpuMs(() => spnMarginals(m, row))),
    logProbMs: round(cpuMs(() => spnLogProb(m, [row]))),
    mpeMs: round(cpuMs(() => spnMpe(m, row))),
  });
  out[name] = {
    members: model.memberCount,
    drawsPerMember: drawsPerMember(model.spn),
    parameterSets: model.memberCount * drawsPerMember(model.spn),
    heapCompiledModelMB: round((loaded - before) / MB),
    heapAfterFirstAnswerMB: round((drawn - loaded) / MB),
    compiledPosteriorsMB: round(posteriorBytes / MB),
    drawCacheMB: hasPosteriors(model.spn) ? round(drawCache(model.spn).bytes / MB) : 0,
    firstAnswerCpuMs: round((d.user + d.system) / 1e3),
    withDraws: perRequest(model),
    membersOnly: perRequest(members),
    // issue 13's "1.6x": served spread (draws) over the members-only spread, 200 random conditionals
    ...(hasPosteriors(model.spn) ? { spreadServedVsMembersOnly: spreadRatio(model, members, 200, 13) } : {}),
  };
  console.error(name, JSON.stringify(out[name]));
}
console.log(JSON.stringify(out, null, 2));
