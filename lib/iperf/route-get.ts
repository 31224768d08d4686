// Pure: the useful parts of `ip route get <addr>` (Linux) or `route -n get <addr>` (BSD/macOS).

export type RouteInfo = { via: string | null; dev: string | null; src: string | null };

export function parseRoute(text: string | null): RouteInfo {
  if (!text) return { via: null, dev: null, src: null };
  const pick = (...res: RegExp[]) => {
    for (const re of res) {
      const m = re.exec(text);
      if (m?.[1]) return m[1];
    }
    return null;
  };
  return {
    // [ \t]*, not \s*: with /m, \s* ran from every line start across all the blank lines after it
    // (quadratic: 7.6 s for 80,000 newlines).
    via: pick(/\bvia\s+(\S+)/, /^[ \t]*gateway:\s*(\S+)/m),
    dev: pick(/\bdev\s+(\S+)/, /^[ \t]*interface:\s*(\S+)/m),
    src: pick(/\bsrc\s+(\S+)/),
  };
}

/** The route as one line for display ("10.0.0.5 dev eth0 src 10.0.0.4"), without iproute2's "cache" noise. */
export function routeLine(text: string | null): string | null {
  if (!text) return null;
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && l !== "cache");
  if (lines.length === 0) return null;
  if (lines.some((l) => /^(route to|destination|gateway|interface):/.test(l))) {
    return lines.filter((l) => /^(route to|destination|gateway|interface):/.test(l)).join("; ");
  }
  // Blanks collapsed first: `\s+uid` searched from every position of a long blank run (quadratic).
  return lines.join(" ").replace(/\s+/g, " ").replace(/ uid \d+/, "");
}
