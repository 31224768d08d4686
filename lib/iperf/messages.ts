// Pure: a failed run's code and message, written for the person reading the run page.
import type { IperfFailureCode } from "./errors";

export type FailureContext = { client: string; server: string; address: string; port: number | null; clientAddress?: string | null };

const portText = (port: number | null) => (port === null ? "the test port" : `port ${port}`);

export function iperfFailure(code: IperfFailureCode, raw: string, c: FailureContext): { code: string; message: string } {
  const where = `${c.address}${c.port === null ? "" : `:${c.port}`}`;
  const allow = `allow TCP ${c.port ?? 5201} (and UDP for UDP tests) from ${c.client}${c.clientAddress ? ` (${c.clientAddress})` : ""} on ${c.server}'s firewall`;
  switch (code) {
    case "refused":
      return {
        code: "connection-refused",
        message:
          `${c.server} refused the iperf3 connection from ${c.client} to ${where}, although netdiag had just started the server there and it was listening. ` +
          `A firewall on ${c.server} (or in between) rejects ${portText(c.port)}, or ${c.address} is not ${c.server}'s address: ${allow}, or check the address. (iperf3: ${raw})`,
      };
    case "filtered":
      return {
        code: "port-filtered",
        message:
          `${c.client} got no answer from ${where}: a firewall is silently dropping ${portText(c.port)}, or ${c.address} is not reachable from ${c.client}. ` +
          `${allow[0]?.toUpperCase()}${allow.slice(1)}. (iperf3: ${raw})`,
      };
    case "no-route":
      return { code: "no-route", message: `${c.client} has no route to ${c.address} (iperf3: ${raw}). Check its addresses and routes (\`ip route get ${c.address}\` on ${c.client}).` };
    case "busy":
      return {
        code: "server-busy",
        message: `The iperf3 server at ${where} was busy with another test (iperf3: ${raw}). Another iperf3 server may be answering on that address and port; try again later.`,
      };
    case "port-busy":
      return { code: "ports-busy", message: `No free port for an iperf3 server on ${c.server}: ${raw}` };
    case "server-gone":
      return { code: "server-gone", message: `The iperf3 server on ${c.server} went away during the test (iperf3: ${raw}).` };
    case "interrupted":
      return { code: "interrupted", message: `The test was interrupted (iperf3: ${raw}).` };
    default:
      return { code: "iperf3-error", message: `iperf3 on ${c.client} failed: ${raw}` };
  }
}

export function missingMessage(missing: { name: string; role: "client" | "server"; os: string | null; hint: string }[]): string {
  return missing
    .map((m) => `iperf3 is not installed on ${m.name} (the ${m.role}${m.os ? `, ${m.os}` : ""}): ${m.hint}.`)
    .join(" ");
}
