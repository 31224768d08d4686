import "server-only";
import http, { type IncomingMessage } from "node:http";
import { singleton } from "@/lib/singleton";
import { appendPeer } from "./client-address";

/**
 * Makes X-Forwarded-For end with the TCP peer's address on every request this process serves.
 * Next sets the header from the socket only when the client sent none (see client-address.ts),
 * and route handlers never see the socket, so this is the one place the real peer is known.
 * Patched on http.Server's prototype because `next start` creates its server before
 * instrumentation runs; Next holds requests until register() has finished.
 */
export function installPeerAddressHook(): void {
  singleton("peer-address-hook", () => {
    type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
    const emit = http.Server.prototype.emit as Emit;
    const patched: Emit = function (event, ...args) {
      if (event === "request") {
        const req = args[0] as IncomingMessage;
        req.headers["x-forwarded-for"] = appendPeer(req.headers["x-forwarded-for"], req.socket.remoteAddress);
      }
      return emit.call(this, event, ...args);
    };
    http.Server.prototype.emit = patched as typeof http.Server.prototype.emit;
    return true;
  });
}
