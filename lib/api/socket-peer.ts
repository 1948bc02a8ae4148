import "server-only";
import net from "node:net";
import type { IncomingMessage } from "node:http";
import { PEER_HEADER } from "./client-address";

const STAMPED = Symbol.for("plumbline.socketPeerStamp");

/**
 * Route handlers see a request's headers but never its socket, and `next start` fills
 * X-Forwarded-For from the socket only when the client sent none. So every request the process
 * receives is stamped here with its socket's peer address, overwriting any value the client
 * sent under that name: the one header a client cannot forge.
 */
export function stampSocketPeers(): void {
  const server = net.Server.prototype as net.Server & { [STAMPED]?: true };
  if (server[STAMPED]) return;
  server[STAMPED] = true;
  const emit = server.emit as (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean;
  server.emit = function (this: net.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof server.emit;
}
