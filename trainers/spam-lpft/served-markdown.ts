import type { ServedRun } from "./served-eval.ts";

/** The served-figures table of docs/spam-lpft-report.md, between these markers. */
export const SERVED_BEGIN = "<!-- served-figures:begin (npm run eval:spam:served -- --record) -->";
export const SERVED_END = "<!-- served-figures:end -->";

const pct = (v: number) => (100 * v).toFixed(2);

export function servedMarkdown(run: ServedRun): string {
  const rows = Object.entries(run.figures.sets).map(
    ([name, f]) =>
      `| ${name} | ${f.files} | ${f.refused} | ${pct(f.accuracy)} % | ${pct(f.ece)} % | ${f.nll.toFixed(3)} | ${pct(f.abstained)} % | ${pct(f.keptAccuracy)} % |`,
  );
  const auc = Object.entries(run.figures.auroc).map(
    ([name, a]) => `| test vs ${name} | ${a.epistemic.toFixed(3)} | ${a.total.toFixed(3)} |`,
  );
  return [
    `Raw e-mail files sent to POST /v1/classify/spam-lpft of the worker in workerd (\`wrangler dev\`), ${run.requests} batched requests in ${Math.round(run.seconds)} s. Split: ${run.split.scheme}${run.split.trainDuplicatesExcluded ? `; ${run.split.trainDuplicatesExcluded} test e-mails whose cleaned text is also a training text are excluded` : ""}. Refused: the API answered 422 (no readable text: image-only or script-only e-mails). "spam-2-bodies": the first 150 spam-2 files with the header block cut off by the client.`,
    "",
    "| set | files | refused | accuracy | ECE | NLL | abstained (model's rule) | accuracy when answered |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    "| AUROC (served uncertainty) | epistemic (MI) | total |",
    "|---|---:|---:|",
    ...auc,
  ].join("\n");
}
