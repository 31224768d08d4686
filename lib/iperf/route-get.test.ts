import { expect, test } from "vitest";
import { parseRoute, routeLine } from "./route-get";

test.each([
  // captured on lab host ndp4-h1
  ["10.219.1.14 dev eth0 src 10.219.1.11 uid 0 \n    cache \n", { via: null, dev: "eth0", src: "10.219.1.11" }, "10.219.1.14 dev eth0 src 10.219.1.11"],
  ["8.8.8.8 via 192.168.1.1 dev enp3s0 src 192.168.1.20 uid 0 \n    cache \n", { via: "192.168.1.1", dev: "enp3s0", src: "192.168.1.20" }, "8.8.8.8 via 192.168.1.1 dev enp3s0 src 192.168.1.20"],
  [
    "   route to: 10.0.0.7\ndestination: default\n       mask: default\n    gateway: 192.168.1.1\n        fib: 0\n  interface: em0\n      flags: <UP,GATEWAY,DONE,STATIC>\n",
    { via: "192.168.1.1", dev: "em0", src: null },
    "route to: 10.0.0.7; destination: default; gateway: 192.168.1.1; interface: em0",
  ],
])("%j", (text, info, line) => {
  expect(parseRoute(text)).toEqual(info);
  expect(routeLine(text)).toBe(line);
});

test("nothing", () => {
  expect(parseRoute(null)).toEqual({ via: null, dev: null, src: null });
  expect(routeLine("")).toBeNull();
});
