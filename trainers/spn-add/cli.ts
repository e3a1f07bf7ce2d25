/**
 * `npm run spn:add -- --spn <spn.json> --name <name> [--description "…"] [--data "…"]`
 * Registers an SPN written elsewhere (by hand, or by another library exported to our format):
 * validates it exactly as the server will (schema, normalisation, completeness,
 * decomposability), copies it to models/<name>/spn.json, and writes the manifest with its
 * sha256 and structure metrics. Used for the hand-built models/example.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CoreError } from "../../shared/errors.ts";
import { loadSpn } from "../../shared/spn/load.ts";
import { SERVED_PEAK_BUDGET_MIB, servedPeakMiB, servedShapeOf } from "../../shared/spn/served-load.ts";
import { fileEntry, writeManifest } from "../common/manifest-writer.ts";

const { values } = parseArgs({
  options: {
    spn: { type: "string" },
    name: { type: "string" },
    description: { type: "string", default: "" },
    data: { type: "string", default: "none: parameters set by hand" },
  },
});

function fail(message: string): never {
  console.error(`spn:add: ${message}`);
  process.exit(2);
}

if (!values.spn || !values.name) fail("usage: npm run spn:add -- --spn <spn.json> --name <name>");
if (!/^[a-z0-9][a-z0-9-]*$/.test(values.name)) fail(`--name must be lower-case letters, digits and dashes`);
if (!existsSync(values.spn)) fail(`no such file: ${values.spn}`);

const text = readFileSync(values.spn, "utf8");
let model;
try {
  model = loadSpn(text, values.name);
} catch (e) {
  fail(e instanceof CoreError ? e.message : `could not read ${values.spn}: ${(e as Error).message}`);
}

// Predicted from the compiled shape (docs/spn-artifact.md "Served peak"); a larger model may not fit 128 MB.
const peak = servedPeakMiB(servedShapeOf(model.spn));
if (peak > SERVED_PEAK_BUDGET_MIB)
  console.error(`spn:add: warning: predicted served peak ${peak.toFixed(0)} MiB is over ${SERVED_PEAK_BUDGET_MIB}`);

const dir = join("models", values.name);
mkdirSync(dir, { recursive: true });
const target = join(dir, "spn.json");
if (resolve(target) !== resolve(values.spn)) copyFileSync(values.spn, target);

const manifest = writeManifest(dir, {
  name: values.name,
  kind: "spn",
  version: "1.0.0",
  description: values.description,
  files: [fileEntry("spn.json", "spn", readFileSync(target))],
  variables: model.variables.map((v) => v.name),
  metrics: {
    nodes: model.spn.nodeCount,
    edges: model.spn.edgeCount,
    members: model.memberCount,
    selective: model.selective,
    servedPeakMiB: Number(peak.toFixed(1)),
  },
  training: {
    command: `npm run spn:add -- ${process.argv
      .slice(2)
      .map((a) => (/\s/.test(a) ? JSON.stringify(a) : a))
      .join(" ")}`,
    seed: null,
    data: values.data,
    trainer: "trainers/spn-add/cli.ts",
  },
});
console.log(
  `wrote ${join(dir, "manifest.json")} (${manifest.files[0]!.sha256.slice(0, 12)}…); models/index.ts regenerated`,
);
