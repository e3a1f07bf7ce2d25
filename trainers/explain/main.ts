/**
 * `npm run explain -- --model models/demo-classifier --input "x1,…,x8" --label beta [--top 8]
 * [--tail 0.1] [--reference ref.csv] [--json]`: which parameter groups (hidden neurons, output
 * units) most explain the served model's error on one input — saliency of the loss at the true
 * label per group, against its distribution on correctly classified reference examples, by the
 * z-score (Levin et al. 2022) and the peaks-over-threshold score (Wang & Sato), side by side.
 * `--test-errors [--svg out.svg]` instead surveys every test-split error of a classifier-demo model.
 * A transformer text classifier (models/spam-lpft) takes `--text "<raw e-mail>"` or `--input <file>`
 * and an optional `--label` instead (explain-text.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ManifestSchema } from "../../shared/artifacts/manifest.ts";
import { runCli, UserError } from "../common/cli.ts";
import { surveyErrors } from "./error-survey.ts";
import { buildReference, explainExample } from "./explain.ts";
import { demoTrainerSplits, readLabelledCsv } from "./reference-data.ts";
import { table } from "./format.ts";
import { parameterGroups } from "./saliency.ts";
import { scatterSvg } from "./scatter-svg.ts";
import { explainText } from "./explain-text.ts";
import { isTransformerFolder, transformerHeads } from "./served-transformer.ts";
import { openServed, servedView } from "./served-check.ts";
import { servedMlp } from "./served-mlp.ts";

const fmt = (a: Float64Array) => `[${Array.from(a, (v) => v.toFixed(4)).join(", ")}]`;

await runCli("explain", async () => {
  const { values } = parseArgs({
    options: {
      model: { type: "string" },
      input: { type: "string" },
      text: { type: "string" },
      label: { type: "string" },
      reference: { type: "string" },
      "reference-size": { type: "string", default: "500" },
      saliency: { type: "string", default: "share" },
      top: { type: "string", default: "8" },
      tail: { type: "string", default: "0.1" },
      "test-errors": { type: "boolean", default: false },
      svg: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.model) throw new UserError("--model <folder> is required (e.g. models/demo-classifier)");
  const top = Number(values.top),
    tail = Number(values.tail),
    referenceSize = Number(values["reference-size"]);
  if (!Number.isInteger(top) || top < 1) throw new UserError(`--top ${values.top}: expected a positive integer`);
  if (!(tail > 0 && tail < 0.5)) throw new UserError(`--tail ${values.tail}: expected a fraction in (0, 0.5)`);
  if (!Number.isInteger(referenceSize) || referenceSize < 20)
    throw new UserError(`--reference-size ${values["reference-size"]}: expected an integer ≥ 20`);
  if (isTransformerFolder(values.model)) {
    if (values["test-errors"])
      throw new UserError("--test-errors: MLP classifiers only; for text give --text or --input");
    const mode = values.saliency;
    if (mode !== "share" && mode !== "raw") throw new UserError(`--saliency ${mode}: expected share or raw`);
    return explainText({
      model: values.model,
      text: values.text,
      input: values.input,
      label: values.label,
      reference: values.reference,
      json: values.json,
      heads: transformerHeads(values.model),
      referenceSize,
      top,
      tail,
      mode,
    });
  }
  if (values.text !== undefined)
    throw new UserError(`--text: ${values.model} is not a transformer text classifier (e.g. models/spam-lpft)`);
  const mlp = servedMlp(values.model);
  let manifestText: string;
  try {
    manifestText = readFileSync(join(values.model, "manifest.json"), "utf8");
  } catch {
    throw new UserError(`${values.model}: no manifest.json`);
  }
  const manifest = ManifestSchema.parse(JSON.parse(manifestText));
  const labels = manifest.labels ?? Array.from({ length: mlp.classes }, (_, c) => String(c));
  const splits = demoTrainerSplits(manifest);
  const referenceData = values.reference ? readLabelledCsv(values.reference, labels, mlp.inputs) : splits?.valid;
  if (!referenceData)
    throw new UserError(
      `${values.model} was not written by trainers/classifier-demo with its default splits: give --reference <csv> of labelled examples (not the test split)`,
    );
  const reference = (() => {
    try {
      return buildReference(mlp, referenceData, tail);
    } catch (e) {
      throw e instanceof RangeError ? new UserError(`reference: ${e.message}`) : e;
    }
  })();
  const groups = parameterGroups(mlp, labels);
  const classifier = await openServed(values.model);

  if (values["test-errors"]) {
    if (!splits)
      throw new UserError(
        "--test-errors needs a classifier-demo model (its test split is regenerated from the manifest)",
      );
    const survey = await surveyErrors(classifier, mlp, reference, groups, splits.test, labels, top);
    console.log(survey.markdown);
    if (values.svg) {
      writeFileSync(
        values.svg,
        scatterSvg(survey.points, `${manifest.name}: z-score vs POT score on the served model's test errors`),
      );
      console.log(`\nwrote ${values.svg}`);
    }
    return;
  }
  if (values.input === undefined) throw new UserError('--input "x1,…,xD" is required (or --test-errors)');
  const x = values.input
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((cell, i) => {
      const v = Number(cell);
      if (cell.trim() === "" || !Number.isFinite(v))
        throw new UserError(`--input: value ${i + 1} ("${cell}") is not a number`);
      return v;
    });
  if (x.length !== mlp.inputs) throw new UserError(`--input: ${x.length} values, the model takes ${mlp.inputs}`);
  if (values.label === undefined)
    throw new UserError(`--label is required: the true label the error is measured against (${labels.join(", ")})`);
  const y = labels.indexOf(values.label);
  if (y < 0) throw new UserError(`--label ${values.label}: not one of ${labels.join(", ")}`);

  const served = await servedView(classifier, mlp, x);
  const e = explainExample(mlp, reference, groups, Float32Array.from(x), 0, y);
  if (values.json) {
    console.log(
      JSON.stringify(
        {
          served: {
            label: served.label,
            probs: served.probs,
            onnxLogits: Array.from(served.onnxLogits),
            maxLogitDifference: served.maxDifference,
          },
          trueLabel: values.label,
          loss: e.loss,
          reference: { examples: reference.examples, wrong: reference.wrong, tail },
          groups: e.rows,
        },
        null,
        2,
      ),
    );
    return;
  }
  const wrong = served.label !== values.label;
  console.log(
    `${manifest.name}: served prediction ${served.label} (p = ${served.probs[served.label]!.toFixed(3)}), true label ${values.label} — ${wrong ? "an error" : "NOT an error (the scores still explain the loss at the true label)"}`,
  );
  console.log(
    `ONNX logits (onnxruntime-node) ${fmt(served.onnxLogits)}; explainer ${fmt(served.explainerLogits)}; max |Δ| ${served.maxDifference.toExponential(1)}; loss ${e.loss.toFixed(3)}`,
  );
  console.log(
    `reference: ${reference.examples} correctly classified examples (${reference.wrong} misclassified left out), POT threshold at the ${(100 * (1 - tail)).toFixed(0)}th percentile\n`,
  );
  for (const layer of ["hidden", "output"] as const)
    console.log(
      table(
        e.rows.filter((r) => r.layer === layer),
        layer,
        top,
      ) + "\n",
    );
});
