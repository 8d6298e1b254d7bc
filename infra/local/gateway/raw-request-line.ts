/**
 * curl sends a query such as `?zone=东山` as raw UTF-8, which API Gateway accepts and Node's HTTP
 * parser refuses (HPE_INVALID_URL). The first request line of each connection is rewritten before
 * the parser sees it: bytes above 0x7F become their percent-encoding, which the event builder decodes
 * like any other. (A later request on the same kept-alive connection is not rewritten: it gets the
 * API's 400 instead; curl, the case at hand, opens a connection per command, and browsers encode.)
 */
import type { Server as HttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";

/** Percent-encodes the non-ASCII bytes of the request line at the start of `chunk`. */
export function encodeFirstRequestLine(chunk: Buffer): Buffer {
  const end = chunk.indexOf("\r\n");
  const line = end < 0 ? chunk : chunk.subarray(0, end);
  if (!line.some((byte) => byte > 0x7f)) return chunk;
  const parts: Buffer[] = [];
  for (const byte of line) {
    parts.push(byte > 0x7f ? Buffer.from(`%${byte.toString(16).toUpperCase()}`) : Buffer.of(byte));
  }
  return end < 0 ? Buffer.concat(parts) : Buffer.concat([...parts, chunk.subarray(end)]);
}

/** A TCP server that hands each connection to `http`, its first request line made parseable. */
export function listenerFor(http: HttpServer): Server {
  // Half-open like the HTTP server itself: a client that ends its side still gets its answer.
  return createServer({ pauseOnConnect: true, allowHalfOpen: true }, (socket: Socket) => {
    socket.once("readable", () => {
      const first = socket.read() as Buffer | null;
      if (first) socket.unshift(encodeFirstRequestLine(first));
      http.emit("connection", socket);
      socket.resume();
    });
  });
}
