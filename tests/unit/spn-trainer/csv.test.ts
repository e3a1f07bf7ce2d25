import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBinaryCsv } from "../../../trainers/spn/dataset.ts";
import { CsvFormatError } from "../../../trainers/spn/errors.ts";

describe("binary CSV reader", () => {
  it("reads DEBD rows with or without a final newline and with CRLF", () => {
    expect(parseBinaryCsv("0,1,1\n1,0,0\n", "a.csv")).toEqual({
      rows: 2,
      cols: 3,
      x: Uint8Array.from([0, 1, 1, 1, 0, 0]),
    });
    expect(parseBinaryCsv("0,1\r\n1,1", "b.csv").x).toEqual(Uint8Array.from([0, 1, 1, 1]));
  });

  it.each([
    ["0,1,1\n1,0\n", /bad\.csv:2: expected 3 values like line 1, found 2/],
    ["0,1\n1,1\n0,2\n", /bad\.csv:3: column 2 is "2", expected 0 or 1/],
    ["0,1\n\n1,1\n", /bad\.csv:2: expected 2 values like line 1, found 1/],
    ["", /bad\.csv: empty file/],
  ])("names the file and line of a malformed row (%j)", (text, message) => {
    expect(() => parseBinaryCsv(text, "bad.csv")).toThrow(CsvFormatError);
    expect(() => parseBinaryCsv(text, "bad.csv")).toThrow(message);
  });

  it("makes the CLI exit with code 2 and a one-line message, no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "spn-csv-"));
    const file = join(dir, "ragged.csv");
    writeFileSync(file, "0,1,1\n1,0,1\n1,1\n");
    const cli = join(import.meta.dirname, "../../../trainers/spn/cli.ts");
    const run = spawnSync(process.execPath, ["--import", "tsx", cli, "--train", file, "--out", join(dir, "models/x")], {
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:3: expected 3 values like line 1, found 2`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
