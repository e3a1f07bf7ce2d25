import { type BaselineColumn, categoricalLogP, fitGaussian, gaussianLog } from "./score-baselines.ts";
import { isMissing } from "./table-read.ts";

/**
 * Accuracy baselines for spn:score --target with --baseline-train: class-conditional Gaussian
 * classifiers fitted by maximum likelihood on the baseline-train rows and predicted through Bayes'
 * rule, argmax_c log p(c) + log p(x | c). The numeric columns are, given the class, independent
 * Gaussians (naive Bayes), one full-covariance Gaussian per class (QDA) or with one covariance
 * pooled over the classes (LDA); every other discrete column is an independent categorical given
 * the class (add-one smoothing) in all three; missing cells are marginalised, as the SPN does.
 * They answer "what does a plain generative classifier reach on this split?", e.g. for wdbc's
 * accuracy target.
 */
export interface BaselineAccuracy {
  naiveBayes: number;
  qda: number;
  lda: number;
  /** Test rows with a label (the denominator). */
  labelled: number;
}

type Rows = readonly (readonly string[])[];

export function gaussianClassifierAccuracy(
  columns: readonly BaselineColumn[],
  target: number,
  train: Rows,
  test: Rows,
): BaselineAccuracy {
  const numeric = columns.map((c, i) => (c.kind === "gaussian" ? i : -1)).filter((i) => i >= 0);
  const discrete = columns.map((c, i) => (c.kind === "discrete" && i !== target ? i : -1)).filter((i) => i >= 0);
  const D = numeric.length;
  const classes = columns[target]!.states;
  const labelledTrain = train.filter((r) => !isMissing(r[target]!));
  const byClass = classes.map((c) => labelledTrain.filter((r) => r[target] === c));
  const logPrior = byClass.map((rows) => Math.log((rows.length + 1) / (labelledTrain.length + classes.length)));
  const fits = byClass.map((rows) => fitGaussian(rows, numeric));
  const diagonal = fits.map(({ cov }) => cov.map((v, k) => (k % (D + 1) === 0 ? v : 0)));
  // Pooled within-class covariance: the class covariances weighted by their row counts.
  const pooled = new Float64Array(D * D);
  fits.forEach(({ cov }, k) => cov.forEach((v, i) => (pooled[i]! += (v * byClass[k]!.length) / labelledTrain.length)));
  const categorical = byClass.map((rows) => discrete.map((i) => categoricalLogP(rows, i, columns[i]!.states)));
  const correct = { naiveBayes: 0, qda: 0, lda: 0 };
  const labelled = test.filter((r) => !isMissing(r[target]!));
  for (const row of labelled) {
    const x = numeric.map((c) => (isMissing(row[c]!) ? NaN : Number(row[c])));
    const obs = x.map((v, i) => (Number.isNaN(v) ? -1 : i)).filter((i) => i >= 0);
    const score = (cov: (k: number) => Float64Array) =>
      classes.map(
        (_, k) =>
          logPrior[k]! +
          discrete.reduce((s, c, j) => s + categorical[k]![j]!(row[c]!), 0) +
          gaussianLog(x, fits[k]!.mu, cov(k), D, obs),
      );
    const truth = classes.indexOf(row[target]!);
    const argmax = (s: number[]) => s.indexOf(Math.max(...s));
    if (argmax(score((k) => diagonal[k]!)) === truth) correct.naiveBayes++;
    if (argmax(score((k) => fits[k]!.cov)) === truth) correct.qda++;
    if (argmax(score(() => pooled)) === truth) correct.lda++;
  }
  const n = Math.max(1, labelled.length);
  return {
    naiveBayes: correct.naiveBayes / n,
    qda: correct.qda / n,
    lda: correct.lda / n,
    labelled: labelled.length,
  };
}
