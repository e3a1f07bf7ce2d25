/**
 * `npm run explain:spam-errors [-- --limit 120]`: every error of the SERVED spam model on its
 * test split and on hard-ham-1 (raw SpamAssassin files from node_modules, through the served
 * path), each explained at its true label, with one reference (the validation e-mails) for
 * both saliency modes. Printed per set and mode: how often z and POT pick the same top group
 * (per layer kind), their mean Spearman ρ over the FFN neurons of each layer, and which layer
 * the top 10 FFN neurons across layers come from (the paper's depth-bias claim).
 */
import { parseArgs } from "node:util";
import { applyTextPipeline } from "../../shared/text/pipeline.ts";
import { runCli, UserError } from "../common/cli.ts";
import { manifestOf } from "../spam-lpft/served-eval.ts";
import { testSplit } from "../spam-lpft/served-sets.ts";
import { rawFiles, readRaw, type Group as SpamGroup } from "../spam-lpft/spam-data.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { openServed } from "./served-check.ts";
import { servedTransformer, transformerHeads } from "./served-transformer.ts";
import { surveyRows } from "./survey-stats.ts";
import { textReference } from "./text-reference.ts";
import { servedTextRows } from "./transformer-check.ts";
import { inMode, referenceInMode, rowSaliency } from "./transformer-explain.ts";
import { transformerGroups } from "./transformer-saliency.ts";

const MODEL = "models/spam-lpft";

await runCli("explain:spam-errors", async () => {
  const { values } = parseArgs({ options: { limit: { type: "string", default: "120" } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UserError(`--limit ${values.limit}: expected a positive integer`);
  const t0 = performance.now();
  await useWasmBackend();
  const classifier = await openServed(MODEL);
  const model = servedTransformer(MODEL, transformerHeads(MODEL), classifier);
  const groups = transformerGroups(model.encoder.config);
  const { seed, splitScheme } = manifestOf(MODEL);
  const steps = classifier.parts.config.input.kind === "text" ? classifier.parts.config.input.preprocess : undefined;
  const readable = (f: string) => {
    const text = readRaw(f.split("/")[0] as SpamGroup, f.split("/")[1]!);
    return !steps || applyTextPipeline(steps, text).trim() !== "" ? [text] : [];
  };
  const sets = {
    test: testSplit(seed, splitScheme).files,
    "hard-ham-1": rawFiles("hard-ham-1").map((f) => `hard-ham-1/${f}`),
  };
  const share = await textReference(classifier, model, groups, {
    folder: MODEL,
    file: undefined,
    size: 500,
    tail: 0.1,
    mode: "share",
  });
  const refs = { share, raw: referenceInMode(share.passes, groups, "raw", 0.1) };
  console.log(
    `reference: ${refs.share.examples} correct of ${refs.share.source}; rebuild vs served: features ${refs.share.featureDifference.toExponential(1)}, probabilities ${refs.share.probabilityDifference.toExponential(1)}\n`,
  );
  console.log(
    "| set | saliency | errors explained | same top-1 head (L0 / L1) | same top-1 FFN neuron (L0 / L1) | mean ρ FFN (L0 / L1) | top-10 FFN across layers from L1: z / POT |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const [name, files] of Object.entries(sets)) {
    const texts = files.flatMap(readable);
    const labels = files.flatMap((f) => (readable(f).length ? [f.startsWith("spam") ? 1 : 0] : []));
    const served = await servedTextRows(classifier, texts);
    const errors = labels.flatMap((y, i) => (served.predicted[i] !== y ? [i] : [])).slice(0, limit);
    const raw = errors.map((i) => rowSaliency(model, served, i, labels[i]!, "raw").values);
    for (const mode of ["share", "raw"] as const) {
      const rows = raw.map((values) => inMode(values, mode));
      console.log(`| ${name} (${texts.length} e-mails) | ${mode} | ${surveyRows(groups, refs[mode], rows)} |`);
    }
  }
  console.log(`\n${((performance.now() - t0) / 1000).toFixed(0)} s`);
});
