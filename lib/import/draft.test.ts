import { describe, expect, test } from "vitest";
import { markDuplicates, splitLines, toDraft, utf8Length, type HostDraft } from "./draft";

const draft = (name: string, address: string, port = 22, line = 1): HostDraft => ({ name, address, port, username: null, identityFile: null, line, source: "ansible" });
const at = <T,>(value: T, line = 1) => ({ value, line });

describe("toDraft applies the host form's rules", () => {
  test("a good host; brackets around an IPv6 address are dropped as the form does", () => {
    expect(toDraft({ name: at("nas"), address: at("[fe80::1]"), port: at(2222), username: at("root"), identityFile: "~/.ssh/id" }, "ssh-config")).toEqual({
      draft: { name: "nas", address: "fe80::1", port: 2222, username: "root", identityFile: "~/.ssh/id", line: 1, source: "ssh-config" },
      problems: [],
    });
  });

  test("each refused field is an error on the line that set it", () => {
    const r = toDraft({ name: at("x".repeat(65), 1), address: at("10.0.0.300", 2), port: at(0, 3), username: at("a b", 4), identityFile: null }, "ansible");
    expect(r.draft).toBeNull();
    expect(r.problems.map((p) => [p.line, p.severity])).toEqual([
      [1, "error"],
      [2, "error"],
      [3, "error"],
      [4, "error"],
    ]);
    expect(r.problems[0]?.message).toMatch(/at most 64 characters/);
  });

  test.each(["-oProxyCommand=x", "$(id)", "a;b", "x\nrm"])("address %j is refused", (address) => {
    expect(toDraft({ name: at("h"), address: at(address), port: null, username: null, identityFile: null }, "ansible").draft).toBeNull();
  });
});

describe("markDuplicates", () => {
  test("same name as an existing host, same address and port as another (case and brackets aside), and between drafts", () => {
    const marked = markDuplicates(
      [draft("nas", "10.0.0.5"), draft("pve", "PVE.lan"), draft("pve-alt", "pve.lan", 22, 7), draft("pve-ssh2", "pve.lan", 2222), draft("v6", "[fe80::1]"), draft("nas", "10.0.0.6", 22, 9)],
      [
        { name: "nas", address: "10.0.0.50", port: 22 },
        { name: "six", address: "fe80::1", port: 22 },
      ],
    );
    expect(marked.map((d) => [d.name, d.duplicates])).toEqual([
      ["nas", [{ of: "existing", by: "name", name: "nas" }]],
      ["pve", []],
      ["pve-alt", [{ of: "draft", by: "address", name: "pve", line: 1 }]],
      ["pve-ssh2", []],
      ["v6", [{ of: "existing", by: "address", name: "six" }]],
      [
        "nas",
        [
          { of: "existing", by: "name", name: "nas" },
          { of: "draft", by: "name", name: "nas", line: 1 },
        ],
      ],
    ]);
  });
});

describe("text helpers", () => {
  test("utf8Length counts bytes, and stops early", () => {
    expect(utf8Length("aé€😀")).toBe(1 + 2 + 3 + 4);
    expect(utf8Length("x".repeat(100), 10)).toBe(11);
  });
  test("splitLines drops a byte order mark and ends lines at CRLF, LF or CR", () => {
    expect(splitLines("\uFEFFa\r\nb\nc\rd")).toEqual(["a", "b", "c", "d"]);
  });
});
