import { SHIFTED, type ComparisonSets } from "./comparison-sets.ts";
import type { CandidateReport, Comparison, Interval } from "./comparison.ts";
import type { ScoreName } from "./eu-scores.ts";

/** docs/uncertainty-comparison.md from a comparison (figures only from the served features). */
export const SCORE_LABELS: Record<ScoreName, string> = {
  entropy: "entropy H(p̄)",
  mi: "MI = BER_log",
  berSq: "BER_sq = Σ Var",
};

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : "–");
const ci = (i: Interval, f = f3) => `${f(i.value)} [${f(i.low)}, ${f(i.high)}]`;
const f4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "–");
const name = (c: CandidateReport) => `${c.method.label} · ${SCORE_LABELS[c.score]}`;

export interface MarkdownContext {
  command: string;
  model: string;
  seconds: number;
  sets: ComparisonSets;
  svgs: Record<string, string>;
  serving: string;
}

export function comparisonMarkdown(c: Comparison, x: MarkdownContext): string {
  const sizes = [
    x.sets.fit,
    x.sets.calibrate,
    x.sets.test,
    ...SHIFTED.flatMap((g) => [x.sets.select[g], x.sets.report[g]]),
  ]
    .map((s) => `${s.name} ${s.labels.length}`)
    .join(", ");
  const bySelection = [...c.candidates].sort((a, b) => b.selection.mean - a.selection.mean);
  const beats = c.winner !== c.baseline && c.winner.selection.mean > c.baseline.selection.mean;
  const lines = [
    "# Epistemic uncertainty: excess-risk EU, rBER VI, particle VI and the baselines (issue 15 part 4)",
    "",
    `Produced by \`${x.command}\` on \`${x.model}\` in ${x.seconds.toFixed(0)} s (seeded: rerunning gives the same figures). Every number comes from the served path:`,
    "raw SpamAssassin e-mails → the model's text pipeline → its tokenizer → its model.onnx (onnxruntime-node), read at the `features` output the head acts on; members are",
    "scored as the server scores them (member logits / T, softmax, mean). Code: trainers/uncertainty-heads/.",
    "",
    "## What is compared",
    "- **single head (softmax)**: the graph's own mean head; its entropy is the baseline to beat.",
    "- **served head**: head.json as shipped (its members were fitted on the training split, where the loss is ≈ 0).",
    '- Fitted on the features of the **fit third of the validation split** (held out from training; the other two thirds, "calibrate", fits each head\'s temperature and, for a served head,',
    "  its calibration, conformal quantiles and abstention threshold, so those guarantees rest on e-mails the head never saw): a **deep ensemble** of heads (seeded init and",
    "  batch order), the **last-layer Laplace** (GGN around the single head, prior precision by CV),",
    "  **PAC-Bayes VI with the rBER objective in its λ·variance form** (mean-field Gaussian; squared loss; λ = 0.05 and plain VI λ = 1) and **particle VI** (SVGD, same objective),",
    "  all with the prior N(θ_train, σ_p² I) centred on the single head (trained on a disjoint split, so the PAC-Bayes bound holds); σ_p ∈ {0.1, 0.3, 1} chosen per family on the selection halves.",
    "- Scores: total uncertainty H(p̄) and the two **excess-risk EU** measures of Futami et al.: the Bayesian excess risk of p̄ under the log loss, E_q KL(p_θ ‖ p̄) = mutual information (MI),",
    "  and under the squared loss, Σ_c Var_q p_θ(c | x) (BER_sq). For two classes BER_sq = 2 Var_q p_θ(ŷ), the `variance` the API returns.",
    "",
    "## Task, selection and test",
    "Each score is judged by **AUROC for detecting the head's own errors** (errors positive; AUROC 0.5 = blind): the served score decides abstention, so what matters is that the",
    "answers it withholds are the wrong ones. (OOD AUROC, shifted test half vs the in-distribution test split, is reported too: it rewards any score that moves under shift,",
    "including on inputs the model still gets right.) Each shifted group (all raw files) is cut by a seeded shuffle into a **selection half** and a **test half**. The prior std",
    "of each family and the winner are chosen on the mean error AUROC over the three selection halves; the test halves are only reported. 95 % intervals: percentile bootstrap",
    `(${c.resamples} seeded resamples; OOD resamples each side separately).`,
    "",
    `Sets (sendable e-mails): ${sizes}.`,
    "",
    "## Selection halves (choose here)",
    "| head · score | spam-2 | hard-ham-1 | easy-ham-2 | mean error AUROC | T | in-distribution test accuracy |",
    "|---|---|---|---|---|---|---|",
    ...bySelection.map(
      (k) =>
        `| ${k === c.winner ? "**" + name(k) + "**" : name(k)} | ${SHIFTED.map((g) => f3(k.selection[g])).join(" | ")} | ${f3(k.selection.mean)} | ${k.temperature.toFixed(3)} | ${(100 * k.testAccuracy!).toFixed(1)}% |`,
    ),
    "",
    "A head's error AUROC is measured on its own errors, so heads that err on different e-mails are compared on different positives; AURC on the test halves weighs accuracy and ranking together.",
    "",
    "Prior std per family (best mean selection AUROC over its scores): " +
      c.families
        .filter((f) => f.tried.length > 1)
        .map(
          (f) =>
            `${f.family}: ${f.tried.map((t) => `${t.key.split("-").pop()} → ${f3(t.best)}`).join(", ")} (kept ${f.chosen.split("-").pop()})`,
        )
        .join("; ") +
      ".",
    "",
    "## Test halves (report here)",
  ];
  for (const g of SHIFTED) {
    lines.push(
      "",
      `### ${g} (test half, ${x.sets.report[g].labels.length} e-mails)`,
      "",
      `![accuracy–coverage ${g}](${x.svgs[g]})`,
      "",
      "| head · score | accuracy | error AUROC [95 %] | AURC [95 %] | OOD AUROC vs test [95 %] |",
      "|---|---|---|---|---|",
    );
    for (const k of bySelection) {
      const r = k.report![g];
      lines.push(
        `| ${k === c.winner ? "**" + name(k) + "**" : name(k)} | ${(100 * r.accuracy).toFixed(1)}% | ${ci(r.errorAuroc)} | ${ci(r.aurc, f4)} | ${ci(r.oodAuroc)} |`,
      );
    }
  }
  const w = c.winner;
  const b = c.baseline;
  const testMean = (k: CandidateReport) =>
    SHIFTED.reduce((a, g) => a + k.report![g].errorAuroc.value, 0) / SHIFTED.length;
  lines.push(
    "",
    "## Verdict",
    beats
      ? `On the selection halves **${name(w)}** wins (mean error AUROC ${f3(w.selection.mean)} vs ${f3(b.selection.mean)} for single-head softmax entropy). On the test halves its mean error AUROC is ${f3(testMean(w))} vs ${f3(testMean(b))}; per-set intervals above say how much of that gap is noise.`
      : `**None beats softmax entropy** on the selection halves (single-head entropy ${f3(b.selection.mean)}; best other ${f3(bySelection.find((k) => k !== b)?.selection.mean ?? NaN)}).`,
    "How much the winner depends on the seed of the halves and fits: docs/uncertainty-heads.md.",
    "",
    "## Serving",
    x.serving,
    "",
  );
  return lines.join("\n");
}
