import { describe, expect, test } from "vitest";
import { csvCell, csvChunks, csvLine, jsonChunks } from "./csv";

const collect = async (g: AsyncGenerator<string>) => {
  let s = "";
  for await (const c of g) s += c;
  return s;
};

describe("CSV cells", () => {
  test("quoted only when they hold a comma, quote, CR or LF; quotes doubled; CRLF line ends", () => {
    expect(csvLine(["plain", 'say "hi"', "a,b", "two\nlines", "cr\rx", ""])).toBe('plain,"say ""hi""","a,b","two\nlines","cr\rx",\r\n');
  });

  test("numbers as numbers (negative ones too), booleans, empty for null, undefined and non-finite numbers", () => {
    expect([csvCell(-5), csvCell(9.5e8), csvCell(0), csvCell(true), csvCell(null), csvCell(undefined), csvCell(Number.NaN)]).toEqual(["-5", "950000000", "0", "true", "", "", ""]);
  });

  test("text a spreadsheet would run as a formula starts with an apostrophe (host names come from hosts)", () => {
    expect(csvCell("=HYPERLINK(\"http://x\",\"y\")")).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(["+1", "-cmd", "@SUM(A1)", "\tx", "a=b"].map(csvCell)).toEqual(["'+1", "'-cmd", "'@SUM(A1)", "'\tx", "a=b"]);
  });
});

describe("streams", () => {
  test("CSV: a BOM and the header, then one line per item, from an async source", async () => {
    async function* items() {
      yield { a: 1, b: "x" };
      yield { a: 2, b: "y,z" };
    }
    const out = await collect(csvChunks({ columns: ["a", "b"], row: (i) => [i.a, i.b] }, items()));
    expect(out).toBe('\uFEFFa,b\r\n1,x\r\n2,"y,z"\r\n');
  });

  test("JSON: an array that parses back, empty or not", async () => {
    expect(JSON.parse(await collect(jsonChunks([])))).toEqual([]);
    const items = [{ a: 1 }, { b: "x\ny" }, { c: null }];
    expect(JSON.parse(await collect(jsonChunks(items)))).toEqual(items);
  });
});
