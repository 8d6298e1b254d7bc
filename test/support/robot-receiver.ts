/**
 * A local stand-in for a group-chat robot's platform (WeCom, DingTalk): an HTTP server on 127.0.0.1
 * that keeps each POST it gets and answers it as `answer` says — a status and JSON, or nothing at all
 * (a platform that hangs).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RobotRequest {
  readonly method: string;
  readonly url: URL;
  /** The query string as it arrived, before any decoding. */
  readonly rawQuery: string;
  readonly contentType: string;
  readonly body: unknown;
}

export interface RobotReply {
  readonly status: number;
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
}

export interface RobotReceiver {
  /** `host:port`, for the chat channel's allowed hosts. */
  readonly host: string;
  readonly received: RobotRequest[];
  close(): Promise<void>;
}

const parsedBody = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Starts a receiver; `answer` returns undefined to leave the request unanswered. */
export async function startRobotReceiver(
  answer: (request: RobotRequest) => RobotReply | undefined,
): Promise<RobotReceiver> {
  const received: RobotRequest[] = [];
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const rawUrl = incoming.url ?? "/";
      const request: RobotRequest = {
        method: incoming.method ?? "",
        url: new URL(rawUrl, "http://receiver"),
        rawQuery: rawUrl.includes("?") ? rawUrl.slice(rawUrl.indexOf("?") + 1) : "",
        contentType: String(incoming.headers["content-type"] ?? ""),
        body: parsedBody(Buffer.concat(chunks).toString("utf8")),
      };
      received.push(request);
      const reply = answer(request);
      if (!reply) return; // hangs
      response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      response.end(reply.json === undefined ? "" : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
