// One number for every layer that reads request bodies: proxy.ts (declared Content-Length),
// Next's own copy of the body for the proxy (next.config.js), and readJson (chunked bodies).
// JSON for a host with a pasted private key is a few KB; nothing netdiag accepts comes close.
const MAX_BODY_BYTES = 1024 * 1024;

module.exports = { MAX_BODY_BYTES };
