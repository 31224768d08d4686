import { describe, expect, test } from "vitest";
import { linkOffer, parseMode } from "./link-modes";

describe("link modes", () => {
  test("modes as ethtool prints them", () => {
    expect(parseMode("2500baseT/Full")).toEqual({ speedMbps: 2500, duplex: "full", text: "2500baseT/Full" });
    expect(parseMode("100baseT/Half")).toMatchObject({ speedMbps: 100, duplex: "half" });
    expect(parseMode("10000baseKR/Full")).toMatchObject({ speedMbps: 10000 });
    expect(parseMode("Not reported")).toBeNull();
  });

  test("the fastest mode both ends advertise", () => {
    const o = linkOffer({
      supported: [],
      advertised: ["10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full", "1000baseT/Full", "2500baseT/Full"],
      partner: ["10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full", "1000baseT/Full"],
      autoneg: true,
    });
    expect(o?.bestCommon?.text).toBe("1000baseT/Full");
    expect(o?.bestOwn?.text).toBe("2500baseT/Full");
    expect(o?.fullOnBoth).toBe(true);
  });

  test("nothing to compare without the partner's list", () => {
    expect(linkOffer({ supported: ["1000baseT/Full"], advertised: ["1000baseT/Full"], partner: null, autoneg: true })).toBeNull();
    expect(linkOffer({ supported: [], advertised: [], partner: ["1000baseT/Full"], autoneg: false })).toBeNull();
  });
});
