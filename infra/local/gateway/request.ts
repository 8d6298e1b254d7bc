/** Reading a request as the HTTP API does: the body up to a limit, and what the event needs of the connection. */
import type { IncomingMessage } from "node:http";
import type { IncomingRequest } from "./event";

/**
 * Reads the body, up to `limit` bytes. Past the limit it keeps reading (so the client sees the
 * answer rather than a reset connection) but discards, and returns undefined.
 */
export async function drain(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else if (size > limit * 16 + 16 * 1024 * 1024) {
      request.socket.destroy();
      break;
    }
  }
  return size <= limit ? Buffer.concat(chunks, size) : undefined;
}

/** The request as the event builder reads it. */
export function incomingRequest(request: IncomingMessage, body: Buffer): IncomingRequest {
  return {
    method: request.method ?? "GET",
    url: request.url ?? "/",
    rawHeaders: request.rawHeaders,
    body,
    sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
    protocol: `HTTP/${request.httpVersion}`,
    localPort: request.socket.localPort ?? 0,
  };
}
