import { describe, expect, it } from "vitest";
import { inferColumns } from "../../../trainers/spn/table-columns.ts";
import { parseCsvTable } from "../../../trainers/spn/table-read.ts";

// The same three rows as spreadsheets in different locales and tools export them.
const COMMA = "age,stage,note\n61.5,II,ok\n47,I,ok\n55.25,III,late\n";
const parsed = (text: string) => {
  const { header, rows } = parseCsvTable(text, "t.csv");
  return { header, rows };
};

describe("CSV dialects a user's table arrives in", () => {
  it("reads `;`-separated files with decimal commas as the numbers they mean", () => {
    const european = "age;stage;note\n61,5;II;ok\n47;I;ok\n55,25;III;late\n";
    expect(parsed(european)).toEqual(parsed(COMMA));
    const cols = inferColumns(parseCsvTable(european, "t.csv"), { types: new Map(), ignore: [] });
    expect(cols[0]!.kind).toBe("continuous");
  });

  it("keeps a `;`-separated text column with commas as text", () => {
    const { rows } = parsed("a;b\n1,5;x,y\n2;z\n");
    expect(rows).toEqual([
      ["1.5", "x,y"],
      ["2", "z"],
    ]);
  });

  it("reads tab-separated files and CRLF line ends", () => {
    expect(parsed(COMMA.replaceAll(",", "\t"))).toEqual(parsed(COMMA));
    expect(parsed(COMMA.replaceAll("\n", "\r\n"))).toEqual(parsed(COMMA));
  });

  it("reads quoted fields holding separators, quotes and line breaks, and keeps later line numbers", () => {
    const text = 'a,b\n1,"x, ""y""\nz"\n2,w\n';
    const table = parseCsvTable(text, "t.csv");
    expect(table.rows).toEqual([
      ["1", 'x, "y"\nz'],
      ["2", "w"],
    ]);
    expect(table.lines).toEqual([2, 4]);
    expect(() => parseCsvTable(`${text}3\n`, "t.csv")).toThrow(
      /t\.csv:5:2: expected 2 values like the header, found 1/,
    );
  });

  it("skips blank lines, except in a one-column table where a blank line is a missing cell", () => {
    const table = parseCsvTable("a,b\n1,x\n\n   \n2,y\n\n", "t.csv");
    expect(table.rows).toEqual([
      ["1", "x"],
      ["2", "y"],
    ]);
    expect(table.lines).toEqual([2, 5]);
    expect(parseCsvTable("a\n1\n\n2\n\n", "t.csv").rows).toEqual([["1"], [""], ["2"]]);
  });

  it("drops the empty last column of a separator that ends every line, and only then", () => {
    expect(parsed(COMMA.replaceAll("\n", ",\n"))).toEqual(parsed(COMMA));
    expect(() => parseCsvTable("a,b,\n1,2,\n3,4,5\n", "t.csv")).toThrow(/t\.csv:1:3: column 3 has an empty name/);
  });

  it("names the separator it used when a row is ragged", () => {
    expect(() => parseCsvTable("a;b;c\n1;2;3\n4;5\n", "t.csv")).toThrow(
      /t\.csv:3:3: expected 3 values like the header, found 2 \(separated by ";"\)/,
    );
  });
});
