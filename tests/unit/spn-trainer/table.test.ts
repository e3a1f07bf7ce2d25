import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CsvFormatError } from "../../../trainers/spn/errors.ts";
import { loadData, splitRows } from "../../../trainers/spn/load-data.ts";
import { inferColumns, parseTypes } from "../../../trainers/spn/table-columns.ts";
import { parseCsvTable, parseJsonTable } from "../../../trainers/spn/table-read.ts";

const dir = mkdtempSync(join(tmpdir(), "spn-table-"));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const none = { types: new Map(), ignore: [], split: null };
const TRAIN = "age,sex,stage,id\n61.5,F,II,a1\n47,M,I,a2\n,M,III,a3\n55.25,?,II,a4\n70,F,NA,a5\n";

describe("mixed-table reader", () => {
  it("detects continuous, binary and categorical columns, names them from the header, counts missing cells", () => {
    const cols = inferColumns(parseCsvTable(TRAIN, "t.csv"), { types: new Map(), ignore: ["id"] });
    expect(cols.map((c) => [c.name, c.kind, c.states, c.missing])).toEqual([
      ["age", "continuous", [], 1],
      ["sex", "binary", ["F", "M"], 1],
      ["stage", "categorical", ["I", "II", "III"], 1],
    ]);
    expect(cols[0]!.shift).toBeCloseTo((61.5 + 47 + 55.25 + 70) / 4, 12);
  });

  it("honours --types overrides and --ignore", () => {
    const cols = inferColumns(parseCsvTable("a,b\n1,0\n2,1\n3,0\n", "t.csv"), {
      types: parseTypes("a=categorical"),
      ignore: ["b"],
    });
    expect(cols).toHaveLength(1);
    expect(cols[0]!.kind).toBe("categorical");
    expect(cols[0]!.states).toEqual(["1", "2", "3"]);
  });

  it("reads JSON records with null as missing (vega-datasets layout)", () => {
    const raw = parseJsonTable('[{"Species":"A","Mass":3.5},{"Species":"B","Mass":null}]', "p.json");
    expect(raw.header).toEqual(["Species", "Mass"]);
    expect(raw.rows).toEqual([
      ["A", "3.5"],
      ["B", ""],
    ]);
  });

  it.each([
    ["ragged row", "a,b,c\n1,2,3\n4,5\n", /ragged\.csv:3:3: expected 3 values like the header, found 2/],
    [
      "text in a continuous column",
      "a,b\n1.5,x\n2.5,y\n3.5,z\nfoo,x\n",
      /ragged\.csv:5:1: text "foo" in continuous column "a"; .*--types a=categorical/,
    ],
    [
      "a column entirely missing",
      "a,b\n1,\n2,NA\n3,?\n",
      /ragged\.csv:2:2: column "b" is entirely missing; --ignore it/,
    ],
    ["a duplicated column name", "a,a\n1,2\n", /ragged\.csv:1:2: column name "a" appears twice/],
  ])("names file:line:column for a %s", (_, text, message) => {
    const path = file("ragged.csv", text);
    expect(() => loadData([path], null, null, none)).toThrow(CsvFormatError);
    expect(() => loadData([path], null, null, none)).toThrow(message);
  });

  it("rejects a valid/test file whose header differs from train, and a state never seen in training", () => {
    const train = file("train.csv", "a,b\n1.5,x\n2.5,y\n3.5,x\n");
    expect(() => loadData([train], file("valid.csv", "a,c\n1,x\n"), null, none)).toThrow(
      /valid\.csv:1:2: header differs from .*train\.csv: column 2 is "c", expected "b"/,
    );
    expect(() => loadData([train], null, file("test.csv", "a,b\n1,x\n2,z\n"), none)).toThrow(
      /test\.csv:3:2: "z" is not a state of column "b"/,
    );
  });

  it("splits rows by seed reproducibly, disjoint and complete", () => {
    const s = splitRows(50, { valid: 0.2, test: 0.2, seed: 3 });
    expect(splitRows(50, { valid: 0.2, test: 0.2, seed: 3 })).toEqual(s);
    expect([...s.train, ...s.valid, ...s.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([s.valid.length, s.test.length]).toEqual([10, 10]);
  });

  it("with --split, takes states from the whole file and statistics from the training rows", () => {
    // 40 rows; "rare" occurs once, in a row the seeded split holds out.
    const split = { valid: 0.25, test: 0.25, seed: 2 };
    const { train, test } = splitRows(40, split);
    const lines = Array.from({ length: 40 }, (_, n) => `${n},${n === test[0] ? "rare" : n % 2 ? "x" : "y"}`);
    const path = file("split.csv", `a,b\n${lines.join("\n")}\n`);
    const data = loadData([path], null, null, { ...none, split });
    expect(data.columns![1]!.states).toEqual(["rare", "x", "y"]);
    const mean = train.reduce((m, n) => m + n, 0) / train.length;
    expect(data.columns![0]!.shift).toBeCloseTo(mean, 12);
    expect(data.test!.rows + data.valid!.rows).toBe(20);
  });

  it("names an identifier-like text column and suggests --types continuous only for numbers", () => {
    const ids = Array.from({ length: 70 }, (_, n) => `p${n},${n}`).join("\n");
    expect(() => loadData([file("ids.csv", `id,v\n${ids}\n`)], null, null, none)).toThrow(
      /ids\.csv:2:1: column "id" has 70 distinct values \(at most 64\); --ignore it \(an identifier or free text\?\)/,
    );
  });

  it("keeps header-less 0/1 files on the DEBD path", () => {
    const data = loadData([file("d.data", "0,1\n1,1\n")], null, null, none);
    expect(data.columns).toBeNull();
    expect(Array.from(data.train.x)).toEqual([0, 1, 1, 1]);
  });

  it("makes the trainer exit 2 with file:line:column and no stack trace", () => {
    const path = file("bad.csv", "a,b\n1.5,x\n2.5,y\n3.5,z\nfoo,x\n");
    const cli = join(import.meta.dirname, "../../../trainers/spn/cli.ts");
    const run = spawnSync(process.execPath, ["--import", "tsx", cli, "--train", path, "--out", join(dir, "models/x")], {
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${path}:5:1: text "foo" in continuous column "a"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
