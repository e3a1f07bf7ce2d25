import { logGamma } from "../../../trainers/spn/special.ts";

/** log |A| by Gaussian elimination with partial pivoting (independent of the Cholesky code under test). */
export function logDet(a: readonly number[][]): number {
  const m = a.map((row) => row.slice());
  const p = m.length;
  let s = 0;
  for (let k = 0; k < p; k++) {
    let piv = k;
    for (let i = k + 1; i < p; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[piv]![k]!)) piv = i;
    [m[k], m[piv]] = [m[piv]!, m[k]!];
    s += Math.log(Math.abs(m[k]![k]!));
    for (let i = k + 1; i < p; i++) {
      const f = m[i]![k]! / m[k]![k]!;
      for (let j = k; j < p; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  return s;
}

export interface NiwPrior {
  mu0: number[];
  kappa0: number;
  nu0: number;
  psi0: number[][];
}

/**
 * Closed-form log marginal likelihood of rows under a Normal–Inverse-Wishart prior (Murphy 2007,
 * "Conjugate Bayesian analysis of the Gaussian", eq. 266):
 * pi^(-n p / 2) Gamma_p(nu_n / 2) / Gamma_p(nu0 / 2) |Psi0|^(nu0 / 2) / |Psi_n|^(nu_n / 2) (kappa0 / kappa_n)^(p / 2),
 * with Psi_n = Psi0 + sum x x^T + kappa0 mu0 mu0^T - kappa_n mu_n mu_n^T.
 */
export function niwLogMarginal(prior: NiwPrior, rows: readonly number[][]): number {
  const p = prior.mu0.length;
  const n = rows.length;
  const kn = prior.kappa0 + n;
  const nun = prior.nu0 + n;
  const mun = prior.mu0.map((m, i) => (prior.kappa0 * m + rows.reduce((s, x) => s + x[i]!, 0)) / kn);
  const psin = prior.psi0.map((row, i) =>
    row.map(
      (v, j) =>
        v +
        rows.reduce((s, x) => s + x[i]! * x[j]!, 0) +
        prior.kappa0 * prior.mu0[i]! * prior.mu0[j]! -
        kn * mun[i]! * mun[j]!,
    ),
  );
  const logMvGamma = (x: number): number => {
    let s = ((p * (p - 1)) / 4) * Math.log(Math.PI);
    for (let j = 0; j < p; j++) s += logGamma(x - j / 2);
    return s;
  };
  return (
    -((n * p) / 2) * Math.log(Math.PI) +
    logMvGamma(nun / 2) -
    logMvGamma(prior.nu0 / 2) +
    (prior.nu0 / 2) * logDet(prior.psi0) -
    (nun / 2) * logDet(psin) +
    (p / 2) * Math.log(prior.kappa0 / kn)
  );
}
