// @ts-check
const { env } = require("./lib/env.js");
const { MAX_BODY_BYTES } = require("./lib/api/body-limit.js");

// Fails `next build` and `next start` on a bad environment value, with the variable named.
env();

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native addons, ssh2's optional crypto binding and pg's optional pg-native must stay outside the server bundle.
  serverExternalPackages: ["ssh2", "cpu-features", "better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `next dev` on 127.0.0.1 (as the e2e and lab docs use) would otherwise block hot reload.
  allowedDevOrigins: ["127.0.0.1"],
  typedRoutes: false,
  // The app only: a server installed without dev dependencies has no vitest or Playwright types.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  experimental: {
    // Next copies every body that passes through proxy.ts, by default up to 10 MB, and hands
    // the route a silently truncated body beyond its limit. One byte over netdiag's own cap
    // keeps the copy small and lets readJson see that the body was too large (413).
    proxyClientMaxBodySize: MAX_BODY_BYTES + 1,
  },
  // Static assets skip proxy.ts; give them the same baseline headers.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
