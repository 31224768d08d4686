import { describe, expect, test } from "vitest";
import { readCapture } from "@/lib/collect/common/test-fixtures";
import { detectInventoryFormat, parseAnsibleInventory } from "./ansible-inventory";

// Real inventories (tests/fixtures/import, sources on their first lines). Line numbers are the
// files' own (readCapture drops the "# source:" line).
const fixture = (name: string) => readCapture(`import/${name}`);
type Result = ReturnType<typeof parseAnsibleInventory>;
/** name -> [address, port, user] */
const summary = (r: Result) => Object.fromEntries(r.drafts.map((d) => [d.name, [d.address, d.port, d.username]]));
const problemsAt = (r: Result) => r.problems.map((p) => [p.line, p.severity, p.host ?? ""]);

describe("format detection", () => {
  test.each([
    ["ansible-ini__ansible-examples-hosts.txt", "ini"],
    ["ansible-ini__diveintoansible-13.txt", "ini"],
    ["ansible-ini__t3knoid-ansible.txt", "ini"],
    ["ansible-yaml__diveintoansible-16.txt", "yaml"],
    ["ansible-yaml__khuedoan-homelab-prod.txt", "yaml"],
    ["ansible-yaml__bpbradley-komodo.txt", "yaml"],
    ["ansible-yaml__behemyth-household.txt", "yaml"],
  ])("%s is %s", (name, format) => {
    expect(detectInventoryFormat(fixture(name))).toBe(format);
  });
});

describe("INI: Ansible's example /etc/ansible/hosts", () => {
  const r = parseAnsibleInventory(fixture("ansible-ini__ansible-examples-hosts.txt"));
  test("ungrouped hosts, groups, and the three kinds of range", () => {
    const names = r.drafts.map((d) => d.name);
    expect(names).toHaveLength(32);
    // mail[:5]: an empty begin is 0; www[001:006]: the begin's zero padding; db-[99:101]-node: mid-name
    expect(names.filter((n) => n.startsWith("mail"))).toEqual(["mail0", "mail1", "mail2", "mail3", "mail4", "mail5"].map((m) => `${m}.example.com`));
    expect(names).toContain("www001.example.com");
    expect(names).toContain("www006.example.com");
    expect(names.slice(-3)).toEqual(["db-99-node.example.com", "db-100-node.example.com", "db-101-node.example.com"]);
    expect(r.drafts.find((d) => d.name === "www003.example.com")).toEqual({ name: "www003.example.com", address: "www003.example.com", port: 22, username: null, identityFile: null, line: 33, source: "ansible" });
  });
  test("a host in two groups (myserver.com) is one draft, at its first line", () => {
    expect(r.drafts.filter((d) => d.name === "myserver.com").map((d) => d.line)).toEqual([30]);
    expect(r.problems).toEqual([]);
  });
});

describe("INI: Dive Into Ansible lab 13, group vars through children", () => {
  const r = parseAnsibleInventory(fixture("ansible-ini__diveintoansible-13.txt"));
  test("host vars beat group vars, a child group beats its parent, [linux:vars] reaches centos and ubuntu", () => {
    expect(summary(r)).toEqual({
      "ubuntu-c": ["ubuntu-c", 22, null],
      centos1: ["centos1", 2222, "root"], // its own ansible_port=2222 (line 5) over [linux:vars] 1234
      centos2: ["centos2", 1234, "root"], // centos[2:3]
      centos3: ["centos3", 1234, "root"],
      ubuntu1: ["ubuntu1", 1234, null],
      ubuntu2: ["ubuntu2", 1234, null],
      ubuntu3: ["ubuntu3", 1234, null],
    });
  });
  test("ansible_connection=local is flagged on its host", () => {
    expect(problemsAt(r)).toEqual([[2, "warning", "ubuntu-c"]]);
    expect(r.problems[0]?.message).toBe("ubuntu-c has ansible_connection=local: Ansible does not log in over SSH there; netdiag will try SSH");
  });
});

describe("INI and YAML twins (Dive Into Ansible lab 16) give the same hosts", () => {
  test("same names, addresses, ports and users", () => {
    const ini = parseAnsibleInventory(fixture("ansible-ini__diveintoansible-16.txt"));
    const yaml = parseAnsibleInventory(fixture("ansible-yaml__diveintoansible-16.txt"));
    expect(summary(yaml)).toEqual(summary(ini));
    expect(summary(ini).centos2).toEqual(["centos2", 22, "root"]);
    expect(yaml.drafts.map((d) => d.line)).toEqual([4, 8, 10, 11, 16, 17, 18]);
  });
});

describe("INI: t3knoid/ansible homelab, children before their groups, quoted JSON values", () => {
  const r = parseAnsibleInventory(fixture("ansible-ini__t3knoid-ansible.txt"));
  test("every host, no problems (forward references to groups are fine)", () => {
    expect(r.drafts.map((d) => [d.name, d.line])).toEqual([
      ["ansible-0", 2],
      ["ansible-1", 3],
      ["dev-0", 10],
      ["rproxy-0", 33],
      ["rproxy-1", 36],
      ["rproxy-2", 39],
    ]);
    expect(r.problems).toEqual([]);
  });
});

describe("YAML inventories from homelab repositories", () => {
  test("khuedoan/homelab: a top-level group besides all, hosts as { } flow mappings", () => {
    const r = parseAnsibleInventory(fixture("ansible-yaml__khuedoan-homelab-prod.txt"));
    expect(summary(r)).toEqual({
      metal0: ["192.168.1.110", 22, null],
      metal1: ["192.168.1.111", 22, null],
      metal2: ["192.168.1.112", 22, null],
      metal3: ["192.168.1.113", 22, null],
    });
    expect(r.drafts.map((d) => d.line)).toEqual([10, 11, 12, 15]);
    expect(r.problems).toEqual([]);
  });

  test("AlecMMiller/homelab: quoted IP keys, all: vars giving every host its user and key file", () => {
    const r = parseAnsibleInventory(fixture("ansible-yaml__alecmmiller-homelab.txt"));
    expect(r.drafts.map((d) => [d.name, d.address, d.username, d.identityFile])).toEqual([
      ["10.17.3.27", "10.17.3.27", "rancher", "../key.pem"],
      ["10.17.3.97", "10.17.3.97", "rancher", "../key.pem"],
      ["10.17.3.156", "10.17.3.156", "rancher", "../key.pem"],
    ]);
    expect(r.problems).toEqual([]);
  });

  test("AnotherOne661/mei-homelab-ansible: ansible_port, comments after values", () => {
    const r = parseAnsibleInventory(fixture("ansible-yaml__anotherone661-mei-homelab.txt"));
    expect(r.drafts).toEqual([{ name: "mei", address: "127.0.0.1", port: 2221, username: "ansible", identityFile: "./ssh/id_ed25519", line: 3, source: "ansible" }]);
    expect(problemsAt(r)).toEqual([[15, "warning", ""]]);
    expect(r.problems[0]?.message).toMatch(/^1 value with a Jinja template/);
  });

  test("Behemyth/Household: hosts: given as one string, as Ansible allows", () => {
    const r = parseAnsibleInventory(fixture("ansible-yaml__behemyth-household.txt"));
    expect(summary(r)).toEqual({ "behemythic.com": ["behemythic.com", 22, "asher"] });
  });

  test("1uk4/wolfpack: one host in two groups; templates in other variables are summed up once", () => {
    const r = parseAnsibleInventory(fixture("ansible-yaml__1uk4-wolfpack.txt"));
    expect(summary(r)).toEqual({ "wolf-01": ["100.105.247.31", 22, null] });
    expect(problemsAt(r)).toEqual([[5, "warning", ""]]);
    expect(r.problems[0]?.message).toBe("2 values with Jinja templates ({{ }}) were not evaluated (lines 5, 15); none of them is an address, port, user or key file, so the import does not need them");
  });

  test("bpbradley/ansible-role-komodo: vault-encrypted values, lists of mappings, comments everywhere", () => {
    const r = parseAnsibleInventory(fixture("ansible-yaml__bpbradley-komodo.txt"));
    expect(summary(r)).toEqual({
      internal_server: ["10.1.10.4", 22, "actual_user_to_run_playbook_as"],
      external_server: ["10.1.10.5", 22, "actual_user_to_run_playbook_as"],
      test_server: ["10.1.10.6", 22, "actual_user_to_run_playbook_as"],
    });
    expect(problemsAt(r)).toEqual([[19, "warning", ""]]);
    expect(r.problems[0]?.message).toMatch(/^2 vault-encrypted values were not decrypted \(lines 19, 71\)/);
  });
});

describe("connection variables", () => {
  test("legacy ansible_ssh_* names; where both are set the legacy one wins, as in Ansible", () => {
    const r = parseAnsibleInventory("[old]\nbox ansible_ssh_host=10.0.0.9 ansible_ssh_port=2200 ansible_ssh_user=admin\n[both]\nweb ansible_host=10.0.0.1 ansible_ssh_host=10.0.0.2\n");
    expect(summary(r)).toEqual({ box: ["10.0.0.9", 2200, "admin"], web: ["10.0.0.2", 22, null] });
    expect(problemsAt(r)).toEqual([[4, "warning", "web"]]);
  });

  test("a port in the host pattern, all:vars, and an inline host var beating both", () => {
    const r = parseAnsibleInventory("badwolf.example.com:5309\njumper ansible_port=5555 ansible_host=192.0.2.50\n[all:vars]\nansible_port=2022\nansible_user=ops\n");
    expect(summary(r)).toEqual({ "badwolf.example.com": ["badwolf.example.com", 5309, "ops"], jumper: ["192.0.2.50", 5555, "ops"] });
  });

  test("templates and vault where the address, port or user comes from: errors for address and port, a warning for the user", () => {
    const yaml = [
      "all:",
      "  hosts:",
      "    a:",
      '      ansible_host: "{{ lookup(\'env\', \'A\') }}"',
      "    b:",
      "      ansible_port: !vault |",
      "        $ANSIBLE_VAULT;1.1;AES256",
      "        3132",
      "    c:",
      "      ansible_user: '{{ me }}'",
    ].join("\n");
    const r = parseAnsibleInventory(yaml);
    expect(summary(r)).toEqual({ c: ["c", 22, null] });
    expect(problemsAt(r)).toEqual([
      [4, "error", "a"],
      [6, "error", "b"],
      [10, "warning", "c"],
    ]);
    expect(r.problems[0]?.message).toBe("ansible_host of a is a Jinja template; netdiag does not evaluate templates, so the address is unknown");
    expect(r.problems[1]?.message).toBe("ansible_port of b is vault-encrypted; netdiag cannot decrypt it, so the port is unknown");
  });

  test("invalid values are errors on the line that set them", () => {
    const r = parseAnsibleInventory("[g]\nweb1 ansible_port=http\nhost_name\nweb2\n[g:vars]\nansible_user=root # admin\n");
    expect(problemsAt(r)).toEqual([
      [2, "error", "web1"],
      [3, "error", "host_name"],
      [6, "error", "host_name"],
      [6, "error", "web2"],
    ]);
    expect(r.problems[1]?.message).toBe('"host_name" is not an IPv4/IPv6 address or DNS name');
    // Ansible keeps "root # admin" as the value of a [g:vars] line; netdiag refuses that user.
    expect(r.problems[3]?.message).toMatch(/"root # admin" cannot be a netdiag user name/);
    expect(r.drafts).toEqual([]);
  });

  test("a whole vault-encrypted file", () => {
    expect(parseAnsibleInventory("$ANSIBLE_VAULT;1.1;AES256\n6162\n").problems[0]?.message).toMatch(/encrypted with ansible-vault/);
  });

  test("an inventory plugin configuration lists no hosts", () => {
    expect(problemsAt(parseAnsibleInventory("plugin: community.general.proxmox\nurl: https://pve:8006\n"))).toEqual([[1, "error", ""]]);
  });
});

describe("hostile input", () => {
  test("a 10^6 host range is refused on its line without being expanded", () => {
    const started = performance.now();
    const r = parseAnsibleInventory("[web]\nweb[0:999999].example.com\nok.example.com\n");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.drafts.map((d) => d.name)).toEqual(["ok.example.com"]);
    expect(r.problems).toEqual([{ line: 2, severity: "error", message: 'Host pattern "web[0:999999].example.com" stands for 1,000,000 hosts; netdiag imports at most 5,000 at once' }]);
  });

  test("ranges that add up past 5,000 hosts refuse the whole inventory", () => {
    const r = parseAnsibleInventory("[a]\na[0:2999]\n[b]\nb[0:2999]\n");
    expect(r.drafts).toEqual([]);
    expect(r.problems).toEqual([{ line: 4, severity: "error", message: expect.stringMatching(/More than 5,000 hosts/) }]);
  });

  test("more than 1 MiB is refused", () => {
    expect(parseAnsibleInventory(`${"x".repeat(1024 * 1024)}\n`).problems[0]?.message).toMatch(/larger than 1 MiB/);
  });

  test("a loop in children is refused on the line that closes it; the rest is imported", () => {
    const r = parseAnsibleInventory("[a:children]\nb\n[b:children]\nc\n[c:children]\na\n[c]\nh1 ansible_user=x\n[a:vars]\nansible_port=2200\n");
    expect(summary(r)).toEqual({ h1: ["h1", 2200, "x"] });
    expect(problemsAt(r)).toEqual([[6, "error", ""]]);
    expect(r.problems[0]?.message).toBe("Group a as a child of c would make a loop (c is already inside a); Ansible refuses this, netdiag ignores the line");
  });

  test("a group that is its own child", () => {
    expect(problemsAt(parseAnsibleInventory("[a:children]\na\n[a]\nh\n"))).toEqual([[2, "error", ""]]);
  });

  test("deeply nested groups resolve, and the deepest group's vars win", () => {
    const depth = 3000;
    const lines = Array.from({ length: depth }, (_, i) => `[g${i}:children]\ng${i + 1}\n[g${i}:vars]\nansible_user=u${i}`);
    const started = performance.now();
    const r = parseAnsibleInventory(`${lines.join("\n")}\n[g${depth}]\nleaf\n`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(summary(r)).toEqual({ leaf: ["leaf", 22, `u${depth - 1}`] });
  });

  test("deep YAML nesting is cut off with an error instead of overflowing the stack", () => {
    const deep = Array.from({ length: 200 }, (_, i) => `${" ".repeat(2 + 4 * i)}children:\n${" ".repeat(4 + 4 * i)}g${i}:`).join("\n");
    const r = parseAnsibleInventory(`all:\n${deep}\n${" ".repeat(804)}hosts:\n${" ".repeat(806)}deep-host:\n`);
    expect(problemsAt(r)).toEqual([[66, "error", ""]]);
    expect(r.problems[0]?.message).toBe("Nested more than 64 levels deep; this part was skipped");
    expect(parseAnsibleInventory(`all: ${"[".repeat(100000)}`, "yaml").problems[0]?.severity).toBe("error");
  });

  test("CRLF line endings and a byte order mark", () => {
    const ini = fixture("ansible-ini__diveintoansible-13.txt");
    const yaml = fixture("ansible-yaml__bpbradley-komodo.txt");
    expect(parseAnsibleInventory(`\uFEFF${ini.replace(/\n/g, "\r\n")}`)).toEqual(parseAnsibleInventory(ini));
    expect(parseAnsibleInventory(`\uFEFF${yaml.replace(/\n/g, "\r\n")}`)).toEqual(parseAnsibleInventory(yaml));
  });

  test("broken lines never throw", () => {
    const junk = ["[", "[a:b:c]", "[ spaced ]", "h 'open", "h a", "h:", "---", "[x:children]", "bad:name", "[y:vars]", "novalue", "\u0000\u0001"].join("\n");
    const r = parseAnsibleInventory(junk, "ini");
    expect(r.problems.length).toBeGreaterThan(5);
    const y = parseAnsibleInventory("all:\n  hosts:\n   - a\n  ? complex\n  children: *alias\n\tbad: tab\n  vars: {a: [1, 2}\n", "yaml");
    expect(y.problems.length).toBeGreaterThan(2);
  });
});
