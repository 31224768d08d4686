import { describe, expect, test } from "vitest";
import { parseLenientJson } from "./lenient-json";

describe("parseLenientJson", () => {
  test.each([
    ['{"a": 1, "b": [true, null, "x"]}', { a: 1, b: [true, null, "x"] }],
    ['\t{\r\n\t"a":\t-1.5e3\r\n}', { a: -1500 }],
    ['"\\u00e9\\n\\"q\\""', 'é\n"q"'],
  ])("complete JSON reads like JSON.parse: %s", (text, value) => {
    expect(parseLenientJson(text)).toEqual({ value, end: text.length, truncated: false });
  });

  test("trailing text is left for the caller", () => {
    const r = parseLenientJson('{"a": 1}\niperf3: exiting\n');
    expect(r).toMatchObject({ value: { a: 1 }, truncated: false });
    expect(r.end).toBe(8);
  });

  test.each([
    // cut mid-number: the number may have lost digits, so the member is dropped
    ['{"a": 1, "b": 2181', { a: 1 }],
    // a number followed by whitespace before the cut was complete
    ['{"a": 1, "b": 2181\n', { a: 1, b: 2181 }],
    ['{"a": 1, "b": "hal', { a: 1 }],
    ['{"a": 1, "b": tr', { a: 1 }],
    ['{"a": 1, "b', { a: 1 }],
    ['{"a": 1, "b":', { a: 1 }],
    // a cut container member keeps its finished members
    ['{"a": [1, 2, {"x": 3, "y": 4', { a: [1, 2, { x: 3 }] }],
    ['{"a": [1, 2, {"x": 3, "y": 4}', { a: [1, 2, { x: 3, y: 4 }] }],
    ["[", []],
  ])("cut short: keeps what was complete (%s)", (text, value) => {
    expect(parseLenientJson(text)).toEqual({ value, end: text.length, truncated: true });
  });

  test("broken (not merely cut) JSON: kept up to the break, with where it broke", () => {
    const r = parseLenientJson('{"a": 1, "b": 2 "c": 3}');
    expect(r.value).toEqual({ a: 1, b: 2 });
    expect(r.truncated).toBe(true);
    expect(r.error).toMatch(/expected ',' or '}' at offset 16/);
  });

  test("nothing readable", () => {
    expect(parseLenientJson("")).toEqual({ value: undefined, end: 0, truncated: true });
    expect(parseLenientJson("hello").value).toBeUndefined();
  });
});
