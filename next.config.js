// @ts-check
const { env } = require("./lib/env.js");

// Fails `next build` and `next start` on a bad environment value, with the variable named.
env();

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native addons and ssh2's optional crypto binding must stay outside the server bundle.
  serverExternalPackages: ["ssh2", "cpu-features", "better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
