/**
 * Published test log-likelihoods (nats per sample) quoted in /work/shared/docs/spn.md Sec. 3:
 * LearnSPN (Gens & Domingos 2013), ID-SPN (Rooshenas & Lowd 2014), RAT-SPN (Peharz et al. 2019),
 * and an independent-Bernoulli baseline. Quoted from the literature via the notes, not re-run here.
 */
export interface PublishedRow {
  learnSpn: number;
  idSpn: number;
  ratSpn: number;
  independent: number;
}

export const PUBLISHED: Record<string, PublishedRow> = {
  nltcs: { learnSpn: -6.11, idSpn: -6.02, ratSpn: -6.01, independent: -9.23 },
  plants: { learnSpn: -12.98, idSpn: -12.54, ratSpn: -13.44, independent: -31.27 },
  baudio: { learnSpn: -40.5, idSpn: -39.79, ratSpn: -39.96, independent: -49.34 },
  jester: { learnSpn: -53.48, idSpn: -52.86, ratSpn: -52.97, independent: -63.88 },
  bnetflix: { learnSpn: -57.33, idSpn: -56.36, ratSpn: -56.85, independent: -64.56 },
  accidents: { learnSpn: -30.04, idSpn: -26.98, ratSpn: -35.07, independent: -45.56 },
};
