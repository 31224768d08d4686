import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "./endpoints";
import type { ApiResult } from "./request";
import { channelView, hostView, iperfRun, iperfSchedule, probeBatch, retransmitFinding, runSummary, testDelivery } from "./test-fixtures";

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => vi.stubGlobal("fetch", fetchMock));
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockReset();
});

const answer = (status: number, body: unknown, statusText = "") =>
  fetchMock.mockResolvedValueOnce(new Response(typeof body === "string" ? body : JSON.stringify(body), { status, statusText }));

const failure = <T>(res: ApiResult<T>) => {
  if (res.ok) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
  return res.error;
};

// Every endpoint the browser calls, with a real answer of its view type.
const endpoints: [string, () => Promise<ApiResult<unknown>>, number, unknown][] = [
  ["hosts.create", () => api.hosts.create({ name: "h1", address: "10.218.1.10", port: 22, username: "root", platform: "auto" }), 201, hostView],
  ["hosts.update", () => api.hosts.update(1, { name: "h1" }), 200, hostView],
  ["hosts.collect", () => api.hosts.collect(1), 200, runSummary],
  ["hosts.collectAll", () => api.hosts.collectAll(), 200, { runs: [runSummary, { ...runSummary, hostId: 2, runId: 43, status: "failed", error: "Connection refused", errorCode: "ssh_connect" }] }],
  ["hosts.acceptHostKey", () => api.hosts.acceptHostKey(1, hostView.hostKeyFingerprint ?? ""), 200, hostView],
  ["hosts.verifyMtu", () => api.hosts.verifyMtu(1), 200, probeBatch],
  ["findings.setStatus", () => api.findings.setStatus(7, { status: "muted", reason: "known" }), 200, { ...retransmitFinding, status: "muted", statusReason: "known" }],
  ["iperf.start", () => api.iperf.start({ clientHostId: 1, serverHostId: 4, durationSec: 10, parallel: 1, protocol: "tcp", direction: "forward", omitSec: 1, simultaneous: false }), 201, { ...iperfRun, status: "queued", position: 1, findings: [] }],
  ["iperf.cancel", () => api.iperf.cancel(9), 200, { ...iperfRun, status: "cancelled" }],
  ["iperf.createSchedule", () => api.iperf.createSchedule({ clientHostId: 1, serverHostId: 4, durationSec: 10, parallel: 1, protocol: "tcp", direction: "both", omitSec: 1, simultaneous: false, intervalMinutes: 360 }), 201, iperfSchedule],
  ["iperf.setScheduleEnabled", () => api.iperf.setScheduleEnabled(3, false), 200, { ...iperfSchedule, enabled: false }],
  ["auth.login", () => api.auth.login({ username: "admin", password: "correct horse battery" }), 200, { user: { id: 1, username: "admin", createdAt: "2026-12-01T09:00:00.000Z" } }],
  ["auth.setup", () => api.auth.setup({ username: "admin", password: "correct horse battery", setupCode: "7K3M-Q9XD-2HVA-PW4T" }), 201, { user: { id: 1, username: "admin", createdAt: "2026-12-01T09:00:00.000Z" } }],
  ["auth.logout", () => api.auth.logout(), 200, { ok: true }],
  ["auth.changePassword", () => api.auth.changePassword({ currentPassword: "correct horse battery", newPassword: "battery staple horse" }), 200, { ok: true, sessionsEnded: 2 }],
  ["auth.logoutEverywhere", () => api.auth.logoutEverywhere(true), 200, { ok: true, sessionsEnded: 3, tokensRevoked: 0 }],
  ["tokens.create", () => api.tokens.create("backup-script", 90), 201, { id: 5, name: "backup-script", token: "ndt_3q2kX9p0bTQ", expiresAt: "2027-03-01T09:00:00.000Z" }],
  ["notifications.create", () => api.notifications.create({ type: "ntfy", name: "Phone (ntfy)", serverUrl: "https://ntfy.sh", topic: "homelab-alerts", token: "tk_x" }), 201, channelView],
  ["notifications.update", () => api.notifications.update(2, { enabled: false }), 200, { ...channelView, enabled: false }],
  ["notifications.test", () => api.notifications.test(2), 200, testDelivery],
  ["tokens.create (never expires)", () => api.tokens.create("backup-script", null), 201, { id: 6, name: "backup-script", token: "ndt_3q2kX9p0bTR", expiresAt: null }],
];

// Lists answer { items }: their wrong shape is an item that is not one.
const lists: [string, () => Promise<ApiResult<unknown>>, number, unknown][] = [
  ["notifications.list", () => api.notifications.list(), 200, { items: [channelView] }],
  ["notifications.deliveries", () => api.notifications.deliveries(2), 200, { items: [testDelivery, { ...testDelivery, id: 12, event: "findings", status: "pending", items: [{ findingId: 7, transition: "raised", severity: "critical", previousSeverity: "warning" }] }] }],
];

test.each(lists)("%s: a valid list passes as it was sent, a wrong item is a bad-response error", async (_name, call, status, body) => {
  answer(status, body);
  expect(await call()).toEqual({ ok: true, data: body });
  answer(status, { items: [{ id: 1 }] });
  expect(failure(await call()).code).toBe("bad-response");
});

test.each(endpoints)("%s: a valid answer passes as it was sent", async (_name, call, status, body) => {
  answer(status, body);
  expect(await call()).toEqual({ ok: true, data: body });
});

test.each(endpoints)("%s: a wrong-shaped answer is a bad-response error", async (_name, call, status) => {
  answer(status, { items: [] });
  expect(failure(await call()).code).toBe("bad-response");
});

test.each([
  ["hosts.remove", () => api.hosts.remove(1)],
  ["iperf.deleteSchedule", () => api.iperf.deleteSchedule(3)],
  ["tokens.revoke", () => api.tokens.revoke(5)],
  ["notifications.remove", () => api.notifications.remove(2)],
] as const)("%s: 204 No Content is ok with null", async (_name, call) => {
  fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
  expect(await call()).toEqual({ ok: true, data: null });
});

test("sends the method, the JSON body and its content type", async () => {
  answer(200, { ...iperfSchedule, enabled: false });
  await api.iperf.setScheduleEnabled(3, false);
  expect(fetchMock).toHaveBeenCalledWith("/api/iperf/schedules/3", {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ enabled: false }),
  });
});

test("a bad-response error names the endpoint and the first field that is wrong", async () => {
  answer(200, { ...runSummary, status: "done" });
  const error = failure(await api.hosts.collect(1));
  expect(error.code).toBe("bad-response");
  expect(error.message).toMatch(/^Unexpected answer from the server to POST \/api\/hosts\/1\/collect: status: /);
});

test("a nested mismatch is caught too (a finding inside a run)", async () => {
  answer(200, { ...iperfRun, findings: [{ ...retransmitFinding, severity: "urgent" }] });
  const error = failure(await api.iperf.cancel(9));
  expect(error).toMatchObject({ code: "bad-response", message: expect.stringContaining("findings.0.severity") });
});

test("fields the browser does not know are dropped, not an error", async () => {
  answer(201, { ...hostView, interfaceCount: 3 });
  expect(await api.hosts.create({ name: "h1" })).toEqual({ ok: true, data: hostView });
});

test("a success that is not JSON is a bad-response error", async () => {
  answer(200, "<html>proxy login</html>");
  expect(failure(await api.hosts.collectAll())).toEqual({
    code: "bad-response",
    message: "Unexpected answer from the server to POST /api/collect: it is not JSON",
  });
});

test("an error body is surfaced with its code, message and fields", async () => {
  const error = { code: "validation", message: "Check the fields marked below", fields: { address: "A host name or IP address", port: "Port is 1 to 65535" } };
  answer(400, { error });
  expect(await api.hosts.create({ name: "h1", address: "", port: 0 })).toEqual({ ok: false, error });
});

test("an error body without fields is surfaced as it is", async () => {
  answer(404, { error: { code: "not_found", message: "Host 1 not found" } });
  expect(failure(await api.hosts.remove(1))).toEqual({ code: "not_found", message: "Host 1 not found" });
});

test.each([
  ["HTML", "<html>502 Bad Gateway</html>"],
  ["not the error shape", { error: "boom" }],
  ["fields that are not strings", { error: { code: "validation", message: "x", fields: { port: 0 } } }],
])("an error answer whose body is %s falls back to the HTTP status", async (_what, body) => {
  answer(502, body, "Bad Gateway");
  expect(failure(await api.hosts.collect(1))).toEqual({ code: "http_502", message: "The server answered 502 Bad Gateway" });
});

test("a network failure is a network error", async () => {
  fetchMock.mockRejectedValueOnce(new TypeError("fetch failed"));
  expect(failure(await api.hosts.collectAll())).toEqual({ code: "network", message: "Could not reach the netdiag server. Is it running?" });
});
