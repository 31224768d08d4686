import { expect, test } from "vitest";
import { iperfFailure, missingMessage } from "./messages";

const ctx = { client: "h1", server: "h4", address: "10.0.0.4", port: 5201, clientAddress: "10.0.0.1" };

test.each([
  ["refused", "connection-refused", /h4 refused the iperf3 connection from h1 to 10.0.0.4:5201.*firewall on h4.*allow TCP 5201/],
  ["filtered", "port-filtered", /h1 got no answer from 10.0.0.4:5201: a firewall is silently dropping port 5201.*Allow TCP 5201 .* from h1 \(10.0.0.1\)/],
  ["busy", "server-busy", /busy with another test/],
  ["no-route", "no-route", /h1 has no route to 10.0.0.4.*ip route get 10.0.0.4/],
  ["iperf3", "iperf3-error", /^iperf3 on h1 failed: boom$/],
] as const)("%s", (cls, code, message) => {
  const f = iperfFailure(cls, cls === "iperf3" ? "boom" : "unable to connect to server: whatever", ctx);
  expect(f.code).toBe(code);
  expect(f.message).toMatch(message);
});

test("missing on both ends: one sentence each", () => {
  expect(
    missingMessage([
      { name: "nas", role: "client", os: "FreeBSD", hint: "install it with `pkg install iperf3`" },
      { name: "pve", role: "server", os: "Linux", hint: "install it with `apt install iperf3`" },
    ]),
  ).toBe("iperf3 is not installed on nas (the client, FreeBSD): install it with `pkg install iperf3`. iperf3 is not installed on pve (the server, Linux): install it with `apt install iperf3`.");
});
