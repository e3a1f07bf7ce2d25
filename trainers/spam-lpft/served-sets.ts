import { legacyTestSplit } from "./legacy-split.ts";
import { rawFiles, readRaw, spamSplits, type Group } from "./spam-data.ts";

/**
 * The e-mails the served figures are measured on, as users have them: raw files, read as
 * UTF-8, never cleaned by the client. The test split is the trainer's (same seed, same
 * shared/text pipeline, same duplicate removal; for a model trained before issue 14, its old
 * split without the test e-mails whose text is also in train); the shifted groups are every raw file.
 * "spam-2-bodies" repeats the issue-14 probe: the first 150 spam-2 files with the header block
 * cut off by the client (everything after the first blank line, MIME parts and HTML left in).
 */
export const SERVED_SETS = ["test", "easy-ham-2", "spam-2", "hard-ham-1", "spam-2-bodies"] as const;
export type ServedSetName = (typeof SERVED_SETS)[number];

export interface RawSet {
  /** "group/file" of each e-mail. */
  files: string[];
  texts: string[];
  labels: Int32Array;
}

const labelOf = (group: string) => (group.startsWith("spam") ? 1 : 0);

function fromFiles(files: readonly string[], read: (group: Group, file: string) => string = readRaw): RawSet {
  return {
    files: [...files],
    texts: files.map((f) => read(f.split("/")[0] as Group, f.split("/")[1]!)),
    labels: Int32Array.from(files, (f) => labelOf(f)),
  };
}

const wholeGroup = (g: Group) => rawFiles(g).map((f) => `${g}/${f}`);

function bodyOnly(group: Group, file: string): string {
  const raw = readRaw(group, file).replace(/\r\n/g, "\n");
  const cut = raw.indexOf("\n\n");
  return cut < 0 ? "" : raw.slice(cut + 2);
}

/** How the model's split was drawn: the manifest's training.splitScheme (absent before issue 14). */
export const SPLIT_SCHEME = "raw-pipeline-dedup";

export interface TestSplit {
  files: string[];
  /** Test e-mails left out because their text is a training text (legacy split only). */
  trainDuplicatesExcluded: number;
}

export function testSplit(seed: number, scheme: string | undefined): TestSplit {
  if (scheme === SPLIT_SCHEME) return { files: spamSplits(seed).test.files, trainDuplicatesExcluded: 0 };
  const legacy = legacyTestSplit(seed);
  return { files: legacy.files, trainDuplicatesExcluded: legacy.trainDuplicates };
}

export function servedSets(test: TestSplit, limit = Infinity): Record<ServedSetName, RawSet> {
  const cap = (files: string[]) => files.slice(0, limit);
  return {
    test: fromFiles(cap(test.files)),
    "easy-ham-2": fromFiles(cap(wholeGroup("easy-ham-2"))),
    "spam-2": fromFiles(cap(wholeGroup("spam-2"))),
    "hard-ham-1": fromFiles(cap(wholeGroup("hard-ham-1"))),
    "spam-2-bodies": fromFiles(cap(wholeGroup("spam-2").slice(0, 150)), bodyOnly),
  };
}
