import { describe, expect, test } from "vitest";
import { parseFindingPatch, parseFindingQuery } from "./findings";

describe("GET /api/findings query", () => {
  test.each([
    ["", { status: "open" }],
    ["status=resolved&host=3&kind=mtu-mismatch&severity=warning", { status: "resolved", hostId: 3, kind: "mtu-mismatch", severity: "warning" }],
    ["status=&kind=", { status: "open" }],
    ["q=%20%20Jumbo%20frames%20&sort=hosts", { q: "Jumbo frames", sort: "hosts" }],
    ["q=%20%20%20", { q: undefined }],
    ["q=100%25_a", { q: "100%_a" }],
    ["sort=oldest", { sort: "oldest" }],
  ])("%s", (q, want) => {
    expect(parseFindingQuery(new URLSearchParams(q))).toMatchObject(want);
  });

  test.each(["status=everything", "host=0", "host=abc", "kind=nonsense", "severity=high", "surprise=1", "sort=worst", "sort=SEVERITY", `q=${"x".repeat(101)}`])("refuses %s", (q) => {
    expect(() => parseFindingQuery(new URLSearchParams(q))).toThrow(/Invalid query/);
  });
});

describe("PATCH /api/findings/:id body", () => {
  test("a status and an optional, trimmed reason", () => {
    expect(parseFindingPatch({ status: "muted", reason: "  known issue " })).toEqual({ status: "muted", reason: "known issue" });
    expect(parseFindingPatch({ status: "acknowledged" })).toEqual({ status: "acknowledged", reason: null });
  });

  test.each([{}, { status: "resolved" }, { status: "muted", reason: "x".repeat(501) }, { status: "open", extra: true }, { status: "open", reason: 5 }])("refuses %j", (body) => {
    expect(() => parseFindingPatch(body)).toThrow(/Invalid change/);
  });
});

test("a bad sort names the sorts there are", () => {
  expect(() => parseFindingQuery(new URLSearchParams("sort=worst"))).toThrow(/Sort is one of severity, newest, oldest, hosts/);
});
