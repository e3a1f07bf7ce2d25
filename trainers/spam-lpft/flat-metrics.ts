import type { Experiment } from "./pipeline.ts";
import type { UncertaintyStage } from "./uncertainty-stage.ts";

/** Every reported figure as the manifest's flat `metrics` record (4 significant digits). */
export function flatMetrics(x: Experiment, u: UncertaintyStage, parity: number): Record<string, number | string> {
  const r = (v: number) => Number(v.toPrecision(4));
  const m: Record<string, number | string> = {
    parameters: x.parameters,
    vocab: x.tokenizer.vocab.length,
    maxTokens: x.options.maxTokens,
    pretrainSteps: x.options.pretrainSteps,
    pretrainTokensPerSecond: Math.round(x.pretraining.tokensPerSecond),
    pretrainFinalLoss: r(
      x.pretraining.losses.slice(-50).reduce((a, b) => a + b, 0) / Math.min(50, x.pretraining.losses.length),
    ),
    headNormBeforeLP: r(x.headNormInit),
    lpL2: x.lpL2,
    onnxParityMaxAbs: r(parity),
    trainingSeconds: Math.round(x.seconds),
  };
  for (const e of x.methods) {
    const k = e.name.toLowerCase().replace("-", "");
    m[`${k}.headNorm`] = r(e.headNorm);
    m[`${k}.temperature`] = r(e.calibration.temperature);
    m[`${k}.featureChange`] = r(e.featureChange);
    for (const [set, c] of Object.entries(e.calibration.sets)) {
      m[`${k}.${set}.accuracy`] = r(c.after.accuracy);
      m[`${k}.${set}.eceBefore`] = r(c.before.ece);
      m[`${k}.${set}.eceAfter`] = r(c.after.ece);
      m[`${k}.${set}.mceBefore`] = r(c.before.mce);
      m[`${k}.${set}.mceAfter`] = r(c.after.mce);
      m[`${k}.${set}.nllBefore`] = r(c.before.nll);
      m[`${k}.${set}.nllAfter`] = r(c.after.nll);
      m[`${k}.${set}.brierBefore`] = r(c.before.brier);
      m[`${k}.${set}.brierAfter`] = r(c.after.brier);
    }
  }
  u.variants.forEach((v, i) => {
    const k = i === 0 ? "entropyBaseline" : `rber${v.lambda}`;
    m[`${k}.temperature`] = r(v.temperature);
    if (v.head) m[`${k}.posteriorMeanStd`] = r(v.head.meanStd);
    m[`${k}.test.accuracy`] = r(v.testCalibration.accuracy);
    m[`${k}.test.ece`] = r(v.testCalibration.ece);
    m[`${k}.test.eceFloor`] = r(v.testEceFloor.mean);
    for (const [shift, s] of Object.entries(v.shifts)) {
      m[`${k}.${shift}.accuracy`] = r(s.accuracy);
      m[`${k}.${shift}.aurocEpistemic`] = r(s.aurocEpistemic);
      m[`${k}.${shift}.aurocVariance`] = r(s.aurocVariance);
      m[`${k}.${shift}.aurocTotal`] = r(s.aurocTotal);
      m[`${k}.${shift}.aurcTotal`] = r(s.aurcTotal);
    }
  });
  m["abstain.metric"] = u.abstain.metric;
  m["abstain.threshold"] = r(u.abstain.threshold);
  m["abstain.validCoverage"] = r(u.abstain.coverage);
  return m;
}
