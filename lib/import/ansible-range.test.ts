import { describe, expect, test } from "vitest";
import { expandHostPattern } from "./ansible-range";

const names = (pattern: string) => {
  const r = expandHostPattern(pattern, 5000);
  return "error" in r ? r.error : r.names;
};

describe("Ansible host patterns", () => {
  test.each([
    ["web[01:03].example.com", ["web01.example.com", "web02.example.com", "web03.example.com"]],
    ["mail[:2].example.com", ["mail0.example.com", "mail1.example.com", "mail2.example.com"]],
    ["db-[99:101]-node", ["db-99-node", "db-100-node", "db-101-node"]],
    ["n[1:7:3]", ["n1", "n4", "n7"]],
    ["rack[a:c]", ["racka", "rackb", "rackc"]],
    ["x[y:B]", ["xy", "xz", "xA", "xB"]],
    ["r[1:2]-u[a:b]", ["r1-ua", "r1-ub", "r2-ua", "r2-ub"]],
    ["[10:11].0.0.1", ["10.0.0.1", "11.0.0.1"]],
  ])("%s", (pattern, expected) => {
    expect(names(pattern)).toEqual(expected);
  });

  test("ports: host:port, [v6]:port, a range with a port; an IPv6 address alone has none", () => {
    expect(expandHostPattern("badwolf.example.com:5309", 10)).toEqual({ names: ["badwolf.example.com"], port: 5309 });
    expect(expandHostPattern("[2001:db8::1]:2222", 10)).toEqual({ names: ["2001:db8::1"], port: 2222 });
    expect(expandHostPattern("web[1:2]:2222", 10)).toEqual({ names: ["web1", "web2"], port: 2222 });
    expect(expandHostPattern("fe80::1", 10)).toEqual({ names: ["fe80::1"], port: null });
  });

  test.each([
    ["web[01:100]", /same number of digits/],
    ["web[1:3:0]", /step/],
    ["web[c:a]", /backwards/],
    ["web[1:x]", /neither numeric/],
    ["web[1:3", /without a closing/],
    ["web[1]", /begin:end/],
    ["w[1:9][1:9][1:9][1:9][1:9]", /stands for 59,049 hosts/],
  ])("%s is refused", (pattern, message) => {
    expect(names(pattern)).toMatch(message);
  });

  test("an end before the begin gives no host, as Python's range() does", () => {
    expect(names("web[5:1]")).toEqual([]);
  });
});
