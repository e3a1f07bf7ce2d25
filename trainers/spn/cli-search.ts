import { basename } from "node:path";
import type { CliArgs } from "./cli-args.ts";
import type { BinaryData } from "./dataset.ts";
import { blockableColumns } from "./leaf-mvn.ts";
import { createProgressBar } from "./progress.ts";
import { artifactBytesLowerBound } from "./artifact-size.ts";
import {
  ARTIFACT_CAP_BYTES,
  searchAndTrain,
  searchGrid,
  type CandidateRecord,
  type SearchCandidate,
} from "./structure-search.ts";
import { servableGrid, servableMembers } from "./servable.ts";
import type { ColumnSpec } from "./table-columns.ts";

/**
 * The default command's structure search (structure-search.ts) with the CLI's progress bars and
 * one line per candidate; a candidate's artifact size is measured by serialising it as the
 * trainer would write it (scaled to the members the final model keeps).
 */
export function searchStructure(
  args: CliArgs,
  trainData: BinaryData,
  valid: BinaryData,
  scoreSets: BinaryData[],
  names: string[],
  columns: ColumnSpec[] | null,
  quiet: boolean,
): ReturnType<typeof searchAndTrain> {
  let bar = createProgressBar(process.stderr, basename(args.out));
  let barLabel = "";
  const progress = (p: Parameters<typeof bar.update>[0], label: string): void => {
    if (label !== barLabel) {
      bar.done();
      bar = createProgressBar(process.stderr, `${basename(args.out)} ${label}`);
      barLabel = label;
    }
    bar.update(p);
  };
  const log = (c: CandidateRecord): void => {
    bar.done();
    barLabel = "";
    const size =
      c.artifactBytes === undefined
        ? ""
        : `, spn.json ${(c.artifactBytes / 1e6).toFixed(1)} MB with ${c.members} members`;
    if (!quiet && c.round === "skipped")
      process.stderr.write(
        `candidate ${c.label} skipped: spn.json would be at least ${(c.artifactBytes! / 1e6).toFixed(1)} MB\n`,
      );
    else if (!quiet)
      process.stderr.write(
        `candidate ${c.label} round ${c.round}: valid LL ${c.validLogLikelihood.toFixed(3)} in ${c.seconds.toFixed(0)} s${size}\n`,
      );
  };
  const members = args.options.members;
  const { grid, skipped } = withinCap(
    servableGrid(
      searchGrid(trainData.rows, blockableColumns(trainData).filter(Boolean).length),
      trainData,
      args.servedBudgetMiB,
    ),
    trainData,
    members,
  );
  for (const c of skipped) log(c);
  const found = searchAndTrain(
    trainData,
    valid,
    args.options,
    scoreSets,
    grid,
    quiet ? undefined : progress,
    log,
    servableMembers(names, columns, members, args.servedBudgetMiB),
  );
  if (!quiet) bar.done();
  return { ...found, candidates: [...skipped, ...found.candidates] };
}

/**
 * The grid without the candidates whose artifact is certainly over the cap (a lower bound from
 * the graph alone, artifact-size.ts), recorded as skipped; if every one is, the smallest stays.
 */
function withinCap(
  grid: readonly SearchCandidate[],
  data: BinaryData,
  members: number,
): { grid: SearchCandidate[]; skipped: CandidateRecord[] } {
  const bounds = grid.map((c) => artifactBytesLowerBound(data, c.structure, members));
  const under = grid.filter((_, i) => bounds[i]! <= ARTIFACT_CAP_BYTES);
  const fits = under.length > 0 ? under : [grid[bounds.indexOf(Math.min(...bounds))]!];
  const skipped = grid
    .map((c, i): CandidateRecord | null =>
      fits.includes(c)
        ? null
        : {
            label: c.label,
            round: "skipped",
            structure: c.structure,
            edges: 0,
            budgetS: 0,
            seconds: 0,
            sweeps: 0,
            validLogLikelihood: Number.NaN,
            artifactBytes: Math.round(bounds[i]!),
          },
    )
    .filter((c) => c !== null);
  return { grid: fits, skipped };
}
