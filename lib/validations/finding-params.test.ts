import { describe, expect, test } from "vitest";
import { hrefFor, parseFindingsParams } from "./finding-params";

describe("findings page parameters", () => {
  test("nothing given: the open tab, worst first, no search", () => {
    expect(parseFindingsParams({})).toMatchObject({ tab: { id: "open" }, sort: "severity", q: undefined });
  });

  test("a search is trimmed, a blank one is none, a long one is cut", () => {
    expect(parseFindingsParams({ q: "  jumbo  " }).q).toBe("jumbo");
    expect(parseFindingsParams({ q: "   " }).q).toBeUndefined();
    expect(parseFindingsParams({ q: "x".repeat(300) }).q).toHaveLength(100);
    expect(parseFindingsParams({ q: ["first", "second"] }).q).toBe("first");
  });

  test("an unknown sort falls back to severity rather than an error page", () => {
    expect(parseFindingsParams({ sort: "hosts" }).sort).toBe("hosts");
    expect(parseFindingsParams({ sort: "worst" }).sort).toBe("severity");
  });

  test("the URL keeps every filter, and leaves out the defaults", () => {
    expect(hrefFor({ tab: "history", severity: "critical", hostId: 3, q: "a b&c", sort: "oldest" })).toBe("/findings?tab=history&severity=critical&host=3&q=a+b%26c&sort=oldest");
    expect(hrefFor({ tab: "open", sort: "severity" })).toBe("/findings");
  });

  test("what hrefFor writes, parseFindingsParams reads back", () => {
    const href = hrefFor({ tab: "muted", kind: "mtu-mismatch", q: "100% _jumbo", sort: "hosts" });
    const sp = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseFindingsParams(sp)).toMatchObject({ tab: { id: "muted" }, kind: "mtu-mismatch", q: "100% _jumbo", sort: "hosts" });
  });
});
