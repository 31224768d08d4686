import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { markDuplicates } from "./draft";
import { parseSshConfig } from "./ssh-config";

// Real configs from public dotfiles (tests/fixtures/import, sources on their first lines). Line
// numbers below are the files' own (readCapture drops the "# source:" line).
const fixture = (name: string) => readCapture(`import/${name}`);

/** name -> [address, port, user] for compact expectations. */
const summary = (r: ReturnType<typeof parseSshConfig>) => Object.fromEntries(r.drafts.map((d) => [d.name, [d.address, d.port, d.username]]));
const problemsAt = (r: ReturnType<typeof parseSshConfig>) => r.problems.map((p) => [p.file ?? "", p.line, p.severity, p.host ?? ""]);

describe("Aetf/dotfiles: Include config.d/* with the included files supplied", () => {
  const includes = {
    "config.d/lan": fixture("ssh-config-include__aetf-dotfiles-lan.txt"),
    "config.d/research": fixture("ssh-config-include__aetf-dotfiles-research.txt"),
    "config.d/aur": fixture("ssh-config-include__aetf-dotfiles-aur.txt"),
  };
  const r = parseSshConfig(fixture("ssh-config__aetf-dotfiles.txt"), { includes });

  test("hosts of the included files come first, in glob order (aur, lan, research), then the config's own", () => {
    const names = r.drafts.map((d) => d.name);
    expect(names.slice(0, 2)).toEqual(["aur.archlinux.org", "haos"]);
    expect(names.slice(-5)).toEqual(["github", "mac", "xps", "mcsh", "archvps"]);
    expect(names).toHaveLength(30);
    expect(r.drafts.find((d) => d.name === "haos")).toMatchObject({ file: "config.d/lan", line: 1 });
  });

  test("addresses, ports and users as ssh would use them", () => {
    expect(summary(r)).toMatchObject({
      "aur.archlinux.org": ["aur.archlinux.org", 22, "aur"],
      homelab: ["Aetf-Arch-Homelab.home.arpa", 59901, "aetf"],
      "3dp": ["qidi-plus4.iot.home.arpa", 22, "mks"],
      abacus: ["abacus.eecs.umich.edu", 39901, "peifeng"],
      "clockwork-builder": ["localhost", 2222, "user"],
      // HostName %h.sched.gaia-pg0.clemson.cloudlab.us under "Host nfs"
      nfs: ["nfs.sched.gaia-pg0.clemson.cloudlab.us", 22, null],
      cc: ["129.114.109.238", 22, "cc"],
      mcsh: ["mcsh.unlimited-code.works", 8020, "root"],
    });
    expect(r.drafts.find((d) => d.name === "aur.archlinux.org")?.identityFile).toBe("~/.ssh/aur.pub");
  });

  test("wildcard patterns (clnode???, node-?) are not hosts", () => {
    expect(r.drafts.some((d) => /[?*]/.test(d.name))).toBe(false);
  });

  test("the work Include that was not supplied, the three Match blocks and the ProxyCommand hosts are reported on their lines", () => {
    expect(problemsAt(r)).toEqual([
      ["", 9, "warning", ""],
      ["config.d/research", 59, "warning", ""],
      ["config.d/research", 81, "warning", "clockwork-builder-remote-2"],
      ["config.d/research", 88, "warning", "clockwork-builder-remote"],
      ["config.d/research", 88, "warning", "clockwork-builder-remote-0"],
      ["config.d/research", 95, "warning", "clockwork-builder-remote-1"],
      ["config.d/research", 102, "warning", "nexus-builder-remote-0"],
      ["config.d/research", 112, "warning", ""],
      ["config.d/research", 130, "warning", ""],
    ]);
    expect(r.problems[0]?.message).toMatch(/Include ~\/\.config\/work\/ssh\/config\.d\/\* was not read/);
    expect(r.problems[1]?.message).toMatch(/"Match final host \*\.cloudlab\.us originalhost docker-cloudlab" is not evaluated/);
    expect(r.problems[2]?.message).toMatch(/ProxyCommand; netdiag connects directly/);
  });

  test("without the included files, each Include line says it was not read and only the config's own hosts remain", () => {
    const alone = parseSshConfig(fixture("ssh-config__aetf-dotfiles.txt"));
    expect(alone.drafts.map((d) => d.name)).toEqual(["github", "mac", "xps", "mcsh", "archvps"]);
    expect(problemsAt(alone)).toEqual([
      ["", 7, "warning", ""],
      ["", 9, "warning", ""],
    ]);
    expect(alone.problems[0]?.message).toMatch(/netdiag does not open files on your computer/);
  });
});

describe("karlot/sshclick example: lower-case keywords, wildcard blocks after the hosts, Include", () => {
  const r = parseSshConfig(fixture("ssh-config__sshclick-example.txt"), {
    includes: { config_sample_extra: fixture("ssh-config-include__sshclick-example-extra.txt") },
  });

  test("Host net-* and Host lab-* fill in what the hosts did not set, never what they did", () => {
    expect(summary(r)).toEqual({
      "lab-ci1": ["10.10.0.21", 22, "buildbot"],
      "lab-metrics1": ["10.10.0.22", 22, "user123"],
      "net-switch1": ["10.1.1.1", 22, "admin"],
      "net-switch2": ["10.1.1.2", 22, "admin"],
      "net-switch3": ["10.1.1.3", 22, "admin"],
      jumper1: ["123.123.123.123", 1234, "master"],
      "lab-serv1": ["10.10.0.1", 22, "admin"],
      "lab-serv2": ["10.10.0.2", 22, "user123"],
      "server-behind-lab": ["10.30.0.1", 1234, "testuser"],
    });
  });

  test("ProxyJump: a warning per host, on the line whose value won", () => {
    expect(problemsAt(r)).toEqual([
      ["", 58, "warning", "server-behind-lab"],
      ["", 65, "warning", "lab-metrics1"],
      ["", 65, "warning", "lab-serv1"],
      ["", 65, "warning", "lab-serv2"],
      ["config_sample_extra", 10, "warning", "lab-ci1"],
    ]);
    expect(r.problems[0]?.message).toBe("server-behind-lab is reached through ProxyJump lab-serv1; netdiag connects directly and does not support jump hosts, so it may not reach it");
  });
});

describe("ewpratten/ewconfig: Host * with negations first, Host ewpratten-*, Match all", () => {
  const r = parseSshConfig(fixture("ssh-config__ewpratten-ewconfig.txt"));

  test("the first value obtained wins, also from a wildcard block above the host's own", () => {
    // "Host ewpratten-*" (line 18) comes before "Host ewpratten-steamdeck" (User deck): ssh logs in as ewpratten.
    expect(r.drafts.find((d) => d.name === "ewpratten-steamdeck")).toMatchObject({ username: "ewpratten", line: 35 });
    // The alias "steamdeck" does not match ewpratten-*: its own User deck applies.
    expect(r.drafts.find((d) => d.name === "steamdeck")).toMatchObject({ address: "ewpratten-steamdeck.home", username: "deck" });
    expect(summary(r)).toMatchObject({
      "vpn.pratten.ca": ["10.10.0.1", 22, "evan"],
      "controller.home": ["controller.home", 2222, "root"],
      "10.80.0.218": ["10.80.0.218", 22, "root"],
      "github.com": ["ssh.github.com", 443, null],
      desktop: ["ewpratten-desktop.home", 22, null],
    });
  });

  test("negated patterns: Host * !*.github.com !github.com gives its IdentityFile to every host but those two", () => {
    expect(r.drafts.find((d) => d.name === "unifi")?.identityFile).toBe("%d/.ssh/id_ed25519");
    // github.com and gist.github.com get theirs from their own block (line 14), not from line 5.
    expect(r.drafts.find((d) => d.name === "gist.github.com")?.identityFile).toBe("%d/.ssh/id_ed25519");
    const patternsOnly = parseSshConfig("Host * !github.com\n  User me\nHost github.com other\n  Port 2222\n");
    expect(summary(patternsOnly)).toEqual({ "github.com": ["github.com", 2222, null], other: ["other", 2222, "me"] });
  });

  test("Match all is reported and its Include inside is not read", () => {
    expect(problemsAt(r)).toEqual([["", 111, "warning", ""]]);
    expect(r.problems[0]?.message).toMatch(/"Match all" is not evaluated/);
  });

  test("Host git git.home: two hosts of one address, which the preview flags", () => {
    const marked = markDuplicates(r.drafts, [{ name: "nas", address: "UNIFI.home", port: 22 }]);
    expect(marked.find((d) => d.name === "git.home")?.duplicates).toEqual([{ of: "draft", by: "address", name: "git", line: 95 }]);
    expect(marked.find((d) => d.name === "git")?.duplicates).toEqual([]);
    expect(marked.find((d) => d.name === "unifi")?.duplicates).toEqual([{ of: "existing", by: "address", name: "nas" }]);
  });
});

describe("9999years/dotfiles: comments after Host patterns, an Include that is not there", () => {
  const r = parseSshConfig(fixture("ssh-config__9999years-dotfiles.txt"));
  test("Host pi  # Raspberry Pi is one host (OpenSSH 8.7+ ends the line at #)", () => {
    expect(summary(r)).toEqual({
      pi: ["raspberrypi.local", 22, "pi"],
      steamdeck: ["192.168.1.69", 22, "deck"],
      "fraktur-locked": ["fraktur.local", 22, "root"],
      fraktur: ["fraktur.local", 22, "wiggles"],
      "gerrit.lix.systems": ["gerrit.lix.systems", 2022, "rbt"],
    });
    expect(problemsAt(r)).toEqual([["", 40, "warning", ""]]);
  });
});

describe("pcuci/dotfiles: Host * first, several hosts per Host line, HostName %h.lan, one alias in two files", () => {
  const r = parseSshConfig(fixture("ssh-config__pcuci-dotfiles.txt"), {
    includes: { "~/.ssh/config.d/home.cloud": fixture("ssh-config-include__pcuci-dotfiles-home-cloud.txt") },
  });
  test("each name of Host backup0 node0 node1 node2 node3 is a host with %h expanded", () => {
    expect(summary(r)).toMatchObject({
      backup0: ["backup0.lan", 22, "paul"],
      node3: ["node3.lan", 22, "paul"],
      wireguard: ["wireguard.lan", 22, "root"],
      "gitlab-runner": ["gitlab-runner.lan", 22, "root"],
      router: ["192.168.1.1", 22, "root"],
    });
  });
  test("'code' is in the included file and in the config: one host, the included block (read first) winning", () => {
    const code = r.drafts.filter((d) => d.name === "code");
    expect(code).toEqual([
      { name: "code", address: "code.lan", port: 22, username: "paul", identityFile: "~/.ssh/id_ed25519_passphraseless", line: 22, file: "~/.ssh/config.d/home.cloud", source: "ssh-config" },
    ]);
  });
  test("trailing spaces after values are not part of them; no problems", () => {
    expect(summary(r).mass).toEqual(["mass.lan", 22, "paul"]);
    expect(r.problems).toEqual([]);
  });
  test("cbackup and backup0 share an address", () => {
    const marked = markDuplicates(r.drafts, []);
    expect(marked.find((d) => d.name === "cbackup")?.duplicates).toEqual([{ of: "draft", by: "address", name: "backup0", line: 1, file: "~/.ssh/config.d/home.cloud" }]);
  });
});

describe("ssh_config(5) rules on small inputs", () => {
  test("keywords in any case, Keyword=value, quoted values", () => {
    const r = parseSshConfig('HOST "web one" web2\n  hostNAME=10.0.0.5\n  PORT = 2200\n  user="admin"\n');
    expect(summary(r)).toEqual({ "web one": ["10.0.0.5", 2200, "admin"], web2: ["10.0.0.5", 2200, "admin"] });
  });

  test("Host * defaults at the end fill only what a host did not set", () => {
    const r = parseSshConfig("Host a\n  User alice\nHost b\n  Port 2022\nHost *\n  User root\n  Port 22\n");
    expect(summary(r)).toEqual({ a: ["a", 22, "alice"], b: ["b", 2022, "root"] });
  });

  test("invalid values become errors on their lines, never exceptions", () => {
    const r = parseSshConfig("Host bad-port\n  Port 70000\nHost bad;name\n  HostName x\nHost shell\n  HostName $(id)\nHost u\n  User 'a b'\nHost q\n  User \"open\n");
    // q stays, without the user its broken line would have set.
    expect(summary(r)).toEqual({ q: ["q", 22, null] });
    expect(problemsAt(r)).toEqual([
      ["", 2, "error", "bad-port"],
      ["", 3, "error", "bad;name"],
      ["", 6, "error", "shell"],
      ["", 8, "error", "u"],
      ["", 10, "error", ""],
    ]);
  });

  test("ProxyCommand none and ProxyJump none mean a direct connection: no warning", () => {
    const r = parseSshConfig("Host bastion\n  ProxyCommand none\nHost *\n  ProxyJump bastion\n");
    expect(r.problems).toEqual([]);
  });

  test("an Include inside a Host block counts only for the hosts that block matches", () => {
    const r = parseSshConfig("Host web\n  Include extra\nHost db\n", { includes: { extra: "Port 2222\nHost other\n  User x\n" } });
    expect(summary(r)).toEqual({ web: ["web", 2222, null], db: ["db", 22, null] });
  });

  test("an Include that includes itself is stopped with an error", () => {
    const r = parseSshConfig("Include loop\n", { includes: { loop: "Host a\nInclude loop\n" } });
    expect(summary(r)).toEqual({ a: ["a", 22, null] });
    expect(problemsAt(r)).toEqual([["loop", 2, "error", ""]]);
  });
});

describe("hostile input", () => {
  test("CRLF line endings and a byte order mark read like plain LF", () => {
    const text = fixture("ssh-config__sshclick-example.txt");
    const crlf = parseSshConfig(`\uFEFF${text.replace(/\n/g, "\r\n")}`, {
      includes: { config_sample_extra: fixture("ssh-config-include__sshclick-example-extra.txt").replace(/\n/g, "\r\n") },
    });
    expect(summary(crlf)).toEqual(summary(parseSshConfig(text, { includes: { config_sample_extra: fixture("ssh-config-include__sshclick-example-extra.txt") } })));
    expect(crlf.drafts[2]?.line).toBe(12);
  });

  test("more than 1 MiB is refused before it is read", () => {
    const r = parseSshConfig("#".repeat(1024 * 1024 + 1));
    expect(r).toEqual({ drafts: [], problems: [{ line: 1, severity: "error", message: expect.stringMatching(/larger than 1 MiB/) }] });
  });

  test("more than 5,000 hosts are refused with the line of the 5,001st", () => {
    const text = Array.from({ length: 5001 }, (_, i) => `Host h${i}`).join("\n");
    const r = parseSshConfig(text);
    expect(r.drafts).toEqual([]);
    expect(r.problems).toEqual([{ line: 5001, severity: "error", message: expect.stringMatching(/More than 5,000 hosts/) }]);
  });

  test("included files count toward the 1 MiB", () => {
    const big = `${"#".repeat(700 * 1024)}\n`;
    const r = parseSshConfig("Include a b\nHost x\n", { includes: { a: big, b: big } });
    expect(problemsAt(r)).toEqual([["", 1, "error", ""]]);
    expect(r.drafts.map((d) => d.name)).toEqual(["x"]);
  });

  test("many wildcard blocks against many hosts stay fast, and past a bound are refused", () => {
    const config = (n: number) => [...Array.from({ length: n }, (_, i) => `Host x${i}`), ...Array.from({ length: n }, (_, i) => `Host *x${i} !*y\n  User u${i}`)].join("\n");
    const started = performance.now();
    const r = parseSshConfig(config(2000));
    expect(r.drafts).toHaveLength(2000);
    expect(r.drafts[5]?.username).toBe("u5");
    expect(performance.now() - started).toBeLessThan(5000);
    expect(parseSshConfig(config(2500)).problems).toEqual([{ line: 1, severity: "error", message: "2500 hosts against 2500 wildcard blocks is more than netdiag evaluates at once; split the file." }]);
  });
});
