import { describe, expect, test } from "vitest";
import { readYaml, resolvePlain, splitKey, type YamlNode } from "./yaml-subset";

/** The tree as plain values, to compare with what PyYAML would load. */
function plain(node: YamlNode | null): unknown {
  if (!node) return null;
  if (node.kind === "map") return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
  if (node.kind === "seq") return node.items.map(plain);
  if (node.kind === "scalar") return node.value;
  return `<${node.kind}>`;
}
const load = (text: string) => plain(readYaml(text).root);

describe("YAML subset", () => {
  test("plain scalars resolve as PyYAML (YAML 1.1) does", () => {
    expect(["", "~", "null", "yes", "Off", "22", "-3", "1_000", "0755", "10.0.0.1", "qwen3.5:0.8b", "1.5"].map(resolvePlain)).toEqual([
      null, null, null, true, false, 22, -3, 1000, "0755", "10.0.0.1", "qwen3.5:0.8b", "1.5",
    ]);
  });

  test("mappings, sequences at the key's indentation, comments, quoted keys and values", () => {
    const text = [
      "---",
      "all:   # the root",
      "  hosts:",
      '    "10.0.0.1":',
      "      ansible_port: '2222'",
      "    web#1: {ansible_host: 10.0.0.2, mac: '00:11:22:33:44:55', tags: [a, \"b, c\"]}",
      "  vars:",
      "    list:",
      "    - one",
      "    - name: two",
      "      value: \"it's \\\"quoted\\\"\"",
      "    text: plain # comment",
      "...",
      "ignored: true",
    ].join("\n");
    expect(load(text)).toEqual({
      all: {
        hosts: { "10.0.0.1": { ansible_port: "2222" }, "web#1": { ansible_host: "10.0.0.2", mac: "00:11:22:33:44:55", tags: ["a", "b, c"] } },
        vars: { list: ["one", { name: "two", value: 'it\'s "quoted"' }], text: "plain" },
      },
    });
  });

  test("block scalars and !vault", () => {
    const r = readYaml("a: |\n  line 1\n\n  line 2\nb: >-\n  folded\n  text\nc: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n    3132\nd: !unsafe '{{ x }}'\n");
    expect(plain(r.root)).toEqual({ a: "line 1\n\nline 2\n", b: "folded text", c: "<vault>", d: "{{ x }}" });
    expect(r.problems).toEqual([]);
  });

  test("wrapped flow collections and quoted values", () => {
    expect(load('a: [1,\n  2, 3]\nb: "two\n  lines"\n')).toEqual({ a: [1, 2, 3], b: "two lines" });
  });

  test("what is not supported is said on its line, never thrown", () => {
    const r = readYaml("base: &b\n  x: 1\ncopy: *b\n? complex\n: value\ndup: 1\ndup: 2\n--- \nsecond: doc\n");
    expect(r.problems.map((p) => [p.line, p.severity])).toEqual([
      [3, "warning"],
      [4, "error"],
      [5, "error"],
      [7, "warning"],
      [8, "warning"],
    ]);
    expect(plain(r.root)).toEqual({ base: { x: 1 }, copy: "<unsupported>", dup: 2 });
  });

  test("keys: the colon must be followed by a space or end the line", () => {
    expect(splitKey("host:2222:")).toEqual({ key: "host:2222", rest: "" });
    expect(splitKey("url: http://x:80/a")).toEqual({ key: "url", rest: "http://x:80/a" });
    expect("error" in splitKey("http://x")).toBe(true);
  });
});
