/** The gateway's answers: its own error replies, a function's result read as payload 2.0, and writing it out. */
import type { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { newRequestId } from "./event";
import { gatewayMessage } from "./messages";

export type Reply = { status: number; headers: Record<string, string | string[]>; body: Buffer };

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: Buffer.from(JSON.stringify(value)),
});

/** The API's own error shape (docs API.md), for errors the gateway answers itself. */
export const apiError = (
  requestId: string,
  status: number,
  code: string,
  message: string,
  language: string,
  headers: Record<string, string> = {},
) =>
  json(
    status,
    { error: { code, message, requestId } },
    {
      "content-type": "application/json; charset=utf-8",
      "content-language": language,
      ...headers,
    },
  );

/**
 * A request the HTTP parser could not read (a malformed request line, headers over the limit): the
 * API's error shape in the default language, since nothing of the request, Accept-Language included,
 * could be read. Node would otherwise answer with an empty body.
 */
export function answerUnreadableRequest(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return;
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const code = tooLarge ? "request_header_fields_too_large" : "bad_request";
  const body = JSON.stringify({
    error: {
      code,
      message: gatewayMessage(tooLarge ? "headers_too_large" : "bad_request", "zh-CN"),
      requestId: newRequestId(),
    },
  });
  const reason = tooLarge ? "Request Header Fields Too Large" : "Bad Request";
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-language: zh-CN\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** What API Gateway answers when the integration fails. */
export const internalServerError = (): Reply => json(500, { message: "Internal Server Error" });

/** A structured response's headers and cookies, checked; an Error says what is wrong. */
function headersOf(headers: unknown, cookies: unknown): Record<string, string | string[]> | Error {
  const result: Record<string, string | string[]> = {};
  if (headers !== undefined) {
    if (typeof headers !== "object" || headers === null) {
      return new Error("headers must be an object");
    }
    for (const [name, value] of Object.entries(headers)) {
      if (!["string", "number", "boolean"].includes(typeof value)) {
        return new Error(`header ${name} must be a string, number or boolean`);
      }
      result[name.toLowerCase()] = String(value);
    }
  }
  if (cookies !== undefined) {
    if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === "string")) {
      return new Error("cookies must be an array of strings");
    }
    result["set-cookie"] = cookies as string[];
  }
  return result;
}

/**
 * Interprets the function's result as HTTP APIs do for payload 2.0: an object with `statusCode` is a
 * structured response; anything else is a 200 JSON body (a string is sent as it is).
 */
export function toReply(result: unknown): Reply | Error {
  if (typeof result === "object" && result !== null && "statusCode" in result) {
    const structured = result as {
      statusCode: unknown;
      headers?: unknown;
      cookies?: unknown;
      body?: unknown;
      isBase64Encoded?: unknown;
    };
    const status = structured.statusCode;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
      return new Error(`statusCode must be an integer from 100 to 599, got ${JSON.stringify(status)}`);
    }
    if (structured.body !== undefined && typeof structured.body !== "string") {
      return new Error(`body must be a string, got ${typeof structured.body}`);
    }
    const headers = headersOf(structured.headers, structured.cookies);
    if (headers instanceof Error) return headers;
    const text = structured.body ?? "";
    const body =
      structured.isBase64Encoded === true ? Buffer.from(text, "base64") : Buffer.from(text, "utf8");
    return { status, headers, body };
  }
  const text = typeof result === "string" ? result : (JSON.stringify(result) ?? "");
  return { status: 200, headers: { "content-type": "application/json" }, body: Buffer.from(text) };
}

export function write(response: ServerResponse, reply: Reply, requestId: string): void {
  if (response.headersSent || response.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  response.setHeader("apigw-requestid", requestId);
  response.setHeader("content-length", reply.body.length);
  response.statusCode = reply.status;
  response.end(reply.body);
}
