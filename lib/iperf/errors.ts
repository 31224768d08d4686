// iperf3's error messages (client JSON `error`, the server's stderr) sorted into the classes
// netdiag explains to the user (lib/iperf/messages.ts).

export type IperfFailureCode = "refused" | "filtered" | "no-route" | "busy" | "port-busy" | "interrupted" | "server-gone" | "iperf3";

/** The class of an iperf3 error message (client JSON `error`, or the server's stderr). */
export function classifyIperfError(message: string): IperfFailureCode {
  if (/unable to start listener|address already in use/i.test(message)) return "port-busy";
  if (/server is busy/i.test(message)) return "busy";
  if (/connection refused/i.test(message)) return "refused";
  if (/no route to host|network is unreachable|host is unreachable/i.test(message)) return "no-route";
  if (/timed out|timeout/i.test(message)) return "filtered";
  if (/^interrupt\b|has terminated/i.test(message)) return "interrupted";
  if (/control socket has closed|connection reset|broken pipe/i.test(message)) return "server-gone";
  return "iperf3";
}
