import { describe, expect, it } from "vitest";
import { crossSiteRefusal, normalizeSite, routePair } from "./site";

describe("site names", () => {
  it("folds case and trims, so Home and home are one site", () => {
    expect(normalizeSite("  Home ")).toBe("home");
    expect(normalizeSite("parents-house.vpn_1")).toBe("parents-house.vpn_1");
  });

  it("refuses what cannot be a site name", () => {
    for (const bad of ["", " ", "-lead", "with space", "a/b", "x".repeat(41), "ä"]) expect(normalizeSite(bad)).toBeNull();
  });
});

describe("iperf between sites", () => {
  const nas = { name: "nas", site: "home" };
  const vps = { name: "vps", site: "hetzner" };
  const pi = { name: "pi", site: "home" };

  it("runs between hosts of one site", () => {
    expect(crossSiteRefusal(nas, pi, [])).toBeNull();
  });

  it("is refused across sites without a route, naming both hosts and sites and where to declare one", () => {
    expect(crossSiteRefusal(nas, vps, [])).toBe(
      'nas is at site "home" and vps at site "hetzner": netdiag tests between two sites only when a route between them is declared (Settings, Sites)',
    );
  });

  it("runs across sites once a route is declared, in either direction", () => {
    const routes = [routePair("home", "hetzner")];
    expect(routes[0]).toEqual({ siteA: "hetzner", siteB: "home" });
    expect(crossSiteRefusal(nas, vps, routes)).toBeNull();
    expect(crossSiteRefusal(vps, nas, routes)).toBeNull();
    expect(crossSiteRefusal(vps, nas, [routePair("home", "parents")])).not.toBeNull();
  });
});
