import type { ReactNode } from "react";

// Every term of the trade is explained once, where it is shown, for a homelabber who has never
// run iperf3. The texts live here so the same word never gets two different explanations.
export const GLOSSARY = {
  mtu: {
    question: "What is MTU?",
    text: "MTU (maximum transmission unit) is the largest packet an interface sends in one piece: 1500 bytes by default, about 9000 with “jumbo frames”. Both ends of a link, and every switch port between them, must agree. When one side is set to 9000 and the other is not, small packets (ping, SSH) still work but big transfers stall or crawl.",
  },
  dfPing: {
    question: "What is a don't-fragment ping?",
    text: "A ping of an exact size with “don't fragment” set (ping -M do), so no router or host may split it. If it arrives, packets of that size pass the whole path. If it is refused (“too big”) or gets no reply, something on the way has a smaller MTU. A plain “ping -s 9000” proves nothing: it is split into pieces and arrives anyway. netdiag sends the largest packet the sender's MTU allows (8972 bytes of payload + 28 bytes of headers = 9000) and one size below.",
  },
  path: {
    question: "What is a path?",
    text: "The route a packet takes from one host to the other: the address it leaves from, the address it is sent to, and everything in between (switch ports, bridges, a router). The same two hosts can have different paths each way, which is why both directions are tested.",
  },
  iperf: {
    question: "What does this test?",
    text: "iperf3 sends as much data as it can for a few seconds from one host to the other and measures how fast it arrives. netdiag starts the iperf3 server on one host and the client on the other over SSH, then stops both. “Forward” (TX) is the client sending; “reverse” (RX) is the server sending back to the client. Testing both, side by side, is what shows a slow return path: for example replies going out through the default gateway on another VLAN while the other way is at line rate.",
  },
  neighbors: {
    question: "What is a neighbor table?",
    text: "The list of addresses this host has recently talked to on its own networks, with the hardware (MAC) address that answered for each: the ARP table for IPv4, NDP for IPv6. One MAC answering for two addresses that should be different machines is how a cloned VM or a NIC that kept an old MAC shows up, often only in another host's table.",
  },
  traffic: {
    question: "What do these charts show?",
    text: "What went in (RX) and out (TX) of one interface, in bits per second, from the byte counters netdiag reads at every collection. Both directions share one axis, so a link that is busy one way and idle or capped the other is visible at a glance. Older data is kept as hourly and daily averages; the shaded band around a line is the lowest and highest reading inside each point. The second chart counts receive and transmit errors and dropped packets. Markers above the charts are events (an MTU change, a finding, a failed collection): hover or focus one for details, click it to open the finding. Drag across a chart to zoom in.",
  },
} as const satisfies Record<string, { question: string; text: string }>;

export type GlossaryTerm = keyof typeof GLOSSARY;

/**
 * "What is …?" folded under a section heading: a native <details>, so it opens by mouse, touch
 * and keyboard without script, and a reader who knows the term loses one line.
 */
export function Explain({ term, children, className = "" }: { term: GlossaryTerm; children?: ReactNode; className?: string }) {
  const entry = GLOSSARY[term];
  return (
    <details className={`group text-xs text-zinc-400 ${className}`}>
      <summary className="cursor-pointer text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300">{entry.question}</summary>
      <p className="mt-1 max-w-prose leading-5 text-zinc-300">
        {entry.text}
        {children && <> {children}</>}
      </p>
    </details>
  );
}
