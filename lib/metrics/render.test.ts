import { describe, expect, test } from "vitest";
import { NOW, SAMPLE } from "./__fixtures__/snapshot";
import { asymmetryRatio, renderMetrics } from "./render";

/** `name{labels} value` lines as a map from the series to its value. */
function series(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

describe("renderMetrics", () => {
  test("every family carries the netdiag_ prefix, a HELP and a TYPE; counters end in _total", async () => {
    const text = await renderMetrics(SAMPLE);
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!] as const);
    const helps = [...text.matchAll(/^# HELP (\S+) /gm)].map((m) => m[1]);
    expect(types.length).toBeGreaterThanOrEqual(20);
    expect(helps).toEqual(types.map(([n]) => n));
    for (const [name, type] of types) {
      expect(name).toMatch(/^netdiag_[a-z_]+$/);
      expect(type === "counter", name).toBe(name.endsWith("_total"));
    }
  });

  test("findings, host outcomes, durations and ages as a user would read them", async () => {
    const s = series(await renderMetrics(SAMPLE));
    expect(s.get('netdiag_findings_open{severity="critical",kind="duplicate-mac"}')).toBe(1);
    expect(s.get('netdiag_findings_open{severity="warning",kind="mtu-mismatch"}')).toBe(2);
    expect(s.get("netdiag_hosts")).toBe(3);
    expect(s.get('netdiag_host_last_collection_status{host="router",status="failed"}')).toBe(1);
    expect(s.get('netdiag_host_last_collection_status{host="router",status="ok"}')).toBe(0);
    expect(s.get('netdiag_host_last_collection_status{host="nas",status="ok"}')).toBe(1);
    expect(s.get('netdiag_host_last_collection_duration_seconds{host="nas"}')).toBe(1.25);
    expect(s.get('netdiag_host_last_collection_age_seconds{host="nas"}')).toBe(30);
    expect(s.get('netdiag_host_last_collection_timestamp_seconds{host="nas"}')).toBe((NOW - 30_000) / 1000);
    expect(s.get('netdiag_host_last_success_age_seconds{host="router"}')).toBe(3600);
    // A host never collected has no outcome to report, rather than a made-up "failed".
    expect([...s.keys()].filter((k) => k.includes('host="new-host"'))).toEqual([]);
  });

  test("NICs: gauges for MTU, speed (bytes/s, the base unit) and link state; kernel counters as read; unknowns left out", async () => {
    const s = series(await renderMetrics(SAMPLE));
    const eth0 = '{host="nas",interface="eth0"}';
    expect(s.get(`netdiag_interface_mtu_bytes${eth0}`)).toBe(9000);
    expect(s.get(`netdiag_interface_speed_bytes_per_second${eth0}`)).toBe(10e9 / 8);
    expect(s.get(`netdiag_interface_up${eth0}`)).toBe(1);
    expect(s.get(`netdiag_interface_receive_bytes_total${eth0}`)).toBe(2 ** 40);
    expect(s.get(`netdiag_interface_transmit_bytes_total${eth0}`)).toBe(123_456_789);
    expect(s.get(`netdiag_interface_receive_errors_total${eth0}`)).toBe(3);
    expect(s.get(`netdiag_interface_receive_drops_total${eth0}`)).toBe(7);
    expect(s.get(`netdiag_interface_transmit_drops_total${eth0}`)).toBe(0);
    // Loopback's state is "unknown": no up/down claim; no speed reported.
    expect(s.has('netdiag_interface_up{host="nas",interface="lo"}')).toBe(false);
    expect(s.has('netdiag_interface_speed_bytes_per_second{host="nas",interface="lo"}')).toBe(false);
    // Label values are escaped per the exposition format; speed 0 (no link) is not a speed.
    const weird = '{host="router",interface="we\\"ird\\\\name"}';
    expect(s.get(`netdiag_interface_up${weird}`)).toBe(0);
    expect(s.get(`netdiag_interface_mtu_bytes${weird}`)).toBe(1500);
    expect(s.has(`netdiag_interface_speed_bytes_per_second${weird}`)).toBe(false);
    expect(s.has(`netdiag_interface_receive_bytes_total${weird}`)).toBe(false);
  });

  test("iperf: each flow's newest result, the asymmetry of pairs measured both ways, the queues", async () => {
    const s = series(await renderMetrics(SAMPLE));
    expect(s.get('netdiag_iperf_bytes_per_second{sender="router",receiver="nas"}')).toBe(300e6 / 8);
    expect(s.get('netdiag_iperf_result_timestamp_seconds{sender="nas",receiver="new-host"}')).toBe((NOW - 60_000) / 1000);
    expect(s.get('netdiag_iperf_asymmetry_ratio{host_a="nas",host_b="router"}')).toBeCloseTo(300 / 940, 6);
    expect([...s.keys()].filter((k) => k.startsWith("netdiag_iperf_asymmetry_ratio"))).toHaveLength(1);
    expect(s.get('netdiag_iperf_queue_depth{state="queued"}')).toBe(2);
    expect(s.get('netdiag_iperf_queue_depth{state="running"}')).toBe(1);
    expect(s.get("netdiag_collections_in_progress")).toBe(1);
    expect(s.get("netdiag_scheduled_jobs_overdue")).toBe(0);
  });

  test("each call starts from an empty registry: a host gone since the last scrape leaves no series", async () => {
    await renderMetrics(SAMPLE);
    const text = await renderMetrics({ ...SAMPLE, hosts: [], interfaces: [], iperfFlows: [], openFindings: [] });
    expect(text).not.toContain('host="nas"');
    expect(series(text).get("netdiag_hosts")).toBe(0);
  });

  test.each([
    [940e6, 300e6, 300 / 940],
    [300e6, 940e6, 300 / 940],
    [500e6, 500e6, 1],
    [0, 0, null],
  ])("asymmetryRatio(%d, %d) = %s", (a, b, want) => {
    if (want === null) expect(asymmetryRatio(a, b)).toBeNull();
    else expect(asymmetryRatio(a, b)).toBeCloseTo(want, 9);
  });
});
