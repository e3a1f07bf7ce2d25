import { readFileSync } from "node:fs";
import { UserError } from "../common/cli.ts";
import { useWasmBackend } from "../spam-lpft/tf-backend.ts";
import { table } from "./format.ts";
import type { GroupRow } from "./group-scores.ts";
import { openServed } from "./served-check.ts";
import { onnxMeanHead, servedTransformer } from "./served-transformer.ts";
import { textReference } from "./text-reference.ts";
import { maxAbsDifference, requireAgreement, servedTextRows } from "./transformer-check.ts";
import { explainRow, type SaliencyMode } from "./transformer-explain.ts";
import { transformerGroups } from "./transformer-saliency.ts";

/**
 * `npm run explain -- --model models/spam-lpft --text "<raw e-mail>" | --input <file>
 * [--label ham|spam] [--saliency share|raw] [--top 8] [--tail 0.1] [--reference <file>] [--reference-size 500] [--json]`:
 * the served transformer rebuilt in tfjs (served-transformer.ts), checked against the ONNX
 * session and the served prediction, then the saliency of the served loss −log p(label) per
 * attention head and FFN neuron, scored by z and POT against correctly classified reference e-mails.
 */
export interface TextOptions {
  model: string;
  text: string | undefined;
  input: string | undefined;
  label: string | undefined;
  reference: string | undefined;
  referenceSize: number;
  heads: number;
  top: number;
  tail: number;
  json: boolean;
  mode: SaliencyMode;
}

function readText(o: TextOptions): string {
  if ((o.text === undefined) === (o.input === undefined))
    throw new UserError('give the e-mail as --text "<raw text>" or --input <file> (one of them)');
  if (o.text !== undefined) return o.text;
  try {
    return readFileSync(o.input!, "utf8");
  } catch {
    throw new UserError(`--input ${o.input}: cannot read the file`);
  }
}

const fmt = (a: ArrayLike<number>) => `[${Array.from(a, (v) => v.toFixed(4)).join(", ")}]`;

/** How many of the top k across all FFN layers (by each score) sit in each layer. */
function depthShare(rows: readonly GroupRow[], k: number): string {
  const ffn = rows.filter((r) => r.layer.endsWith("FFN"));
  const count = (key: "z" | "pot") => {
    const top = [...ffn].sort((a, b) => b[key] - a[key] || b.z - a.z).slice(0, k);
    const by = new Map<string, number>();
    for (const r of top) by.set(r.layer, (by.get(r.layer) ?? 0) + 1);
    return [...by].map(([l, n]) => `${l} ${n}`).join(", ");
  };
  return `top ${k} FFN neurons across layers — by z: ${count("z")}; by POT: ${count("pot")}`;
}

export async function explainText(o: TextOptions): Promise<void> {
  const t0 = performance.now();
  const text = readText(o);
  await useWasmBackend();
  const classifier = await openServed(o.model);
  const labels = classifier.parts.labels;
  const model = servedTransformer(o.model, o.heads, classifier);
  const groups = transformerGroups(model.encoder.config);
  const served = await servedTextRows(classifier, [text]);
  const predicted = served.predicted[0]!;
  if (o.label === undefined && labels.length !== 2)
    throw new UserError(`--label is required for a ${labels.length}-label model (${labels.join(", ")})`);
  const y = o.label === undefined ? 1 - predicted : labels.indexOf(o.label);
  if (y < 0) throw new UserError(`--label ${o.label}: not one of ${labels.join(", ")}`);

  const reference = await textReference(classifier, model, groups, {
    folder: o.model,
    file: o.reference,
    size: o.referenceSize,
    tail: o.tail,
    mode: o.mode,
  });
  const e = explainRow(model, reference, groups, served, 0, y, o.mode);
  const F = model.encoder.config.dim;
  const C = labels.length;
  const head = onnxMeanHead(o.model);
  const meanLogits = head
    ? Array.from(
        { length: C },
        (_, c) => head.b[c]! + e.saliency.features.reduce((s, f, k) => s + f * head.v[c * F + k]!, 0),
      )
    : [];
  const probs = Array.from(served.servedLogProbs.subarray(0, C), Math.exp);
  const check = {
    features: maxAbsDifference(served.onnxFeatures, e.saliency.features),
    logits: head ? maxAbsDifference(served.onnxLogits, meanLogits) : 0,
    probabilities: maxAbsDifference(probs, Array.from(e.saliency.logProbs, Math.exp)),
  };
  requireAgreement("features", check.features);
  requireAgreement("ONNX logits", check.logits);
  requireAgreement("served probabilities", check.probabilities);
  const seconds = (performance.now() - t0) / 1000;
  if (o.json) {
    console.log(
      JSON.stringify(
        {
          served: { label: labels[predicted], probs: Object.fromEntries(labels.map((l, c) => [l, probs[c]])) },
          explainedLabel: labels[y],
          saliency: o.mode,
          loss: e.saliency.loss,
          tokens: served.mask.reduce((s, m) => s + m, 0),
          check,
          reference: {
            source: reference.source,
            examples: reference.examples,
            wrong: reference.wrong,
            tail: o.tail,
            featureDifference: reference.featureDifference,
            probabilityDifference: reference.probabilityDifference,
          },
          seconds,
          groups: e.rows,
        },
        null,
        2,
      ),
    );
    return;
  }
  const verdict =
    o.label === undefined
      ? "no --label given: the label it did not give (why did it not say it?)"
      : labels[predicted] !== labels[y]
        ? "an error"
        : "NOT an error (the scores still explain the loss at that label)";
  console.log(
    `${classifier.parts.name}: served prediction ${labels[predicted]} (p = ${probs[predicted]!.toFixed(3)}); explained label ${labels[y]} — ${verdict}; ${served.mask.reduce((s, m) => s + m, 0)} tokens`,
  );
  console.log(
    `ONNX logits (onnxruntime-node) ${fmt(served.onnxLogits)}; tfjs rebuild ${fmt(meanLogits)}; max |Δ| logits ${check.logits.toExponential(1)}, features ${check.features.toExponential(1)}, served probabilities ${check.probabilities.toExponential(1)}; loss −log p(${labels[y]}) ${e.saliency.loss.toFixed(3)}`,
  );
  console.log(
    `reference: ${reference.examples} correctly classified of ${reference.source} (${reference.wrong} misclassified left out; rebuild vs served on them: features ${reference.featureDifference.toExponential(1)}, probabilities ${reference.probabilityDifference.toExponential(1)}), POT threshold at the ${(100 * (1 - o.tail)).toFixed(0)}th percentile; saliency: ${o.mode === "share" ? "each group's share of the example's gradient norm" : "raw gradient norms"}\n`,
  );
  for (const layer of new Set(groups.map((g) => g.layer)))
    console.log(
      table(
        e.rows.filter((r) => r.layer === layer),
        layer,
        o.top,
        layer,
        o.mode === "share" ? "share of ‖∇‖" : "saliency ‖∇‖",
      ) + "\n",
    );
  console.log(depthShare(e.rows, 2 * o.top));
  console.log(`\n${seconds.toFixed(1)} s (reference ${reference.passes.length} e-mails)`);
}
