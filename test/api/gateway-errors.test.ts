/**
 * What the local gateway answers itself speaks the contract: raw UTF-8 in a query (as curl sends
 * `?zone=东山`) is accepted, and every error it answers — unreadable request lines, oversized headers
 * or bodies, unknown routes — comes in the API's error shape, in Chinese unless English is asked for,
 * with a request id.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, createStation, type Page, type Station, startApi, unique } from "./harness";

let api: Api;
let port: number;

beforeAll(async () => {
  api = await startApi();
  port = Number(new URL(api.stack.apiUrl).port);
});

afterAll(async () => {
  await api?.stop();
});

/** Sends bytes as they are (fetch would percent-encode them) and reads the whole answer. */
function raw(request: Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), headers: head, body: rest.join("\r\n\r\n") });
    });
    socket.write(request);
  });
}

const request = (line: string, headers: string[] = []) =>
  Buffer.concat([
    Buffer.from(`${line}\r\n`, "utf8"),
    Buffer.from([`host: 127.0.0.1:${port}`, "connection: close", ...headers, "", ""].join("\r\n")),
  ]);

describe("the local gateway", () => {
  it("accepts raw UTF-8 in the query, as curl sends it", async () => {
    const zone = unique("东山");
    const station = await createStation(api, { zone });
    const reply = await raw(
      request(`GET /stations?zone=${zone} HTTP/1.1`, [`authorization: Bearer ${api.admin}`]),
    );
    expect(reply.status, reply.body).toBe(200);
    const page = JSON.parse(reply.body) as Page<Station>;
    expect(page.items.map((s) => s.id)).toEqual([station.id]);
  });

  it("answers an unreadable request line with the API's error shape, in Chinese", async () => {
    const reply = await raw(Buffer.from("GET /stations HTTP/1.1 extra\r\n\r\n"));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      error: {
        code: "bad_request",
        message: expect.stringMatching(/请求格式有误/),
        requestId: expect.any(String),
      },
    });
  });

  it("answers oversized headers with 431 in the API's error shape", async () => {
    const reply = await raw(request("GET /stations HTTP/1.1", [`x-padding: ${"a".repeat(40_000)}`]));
    expect(reply.status).toBe(431);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: "request_header_fields_too_large" });
  });

  it("answers an oversized body with 413, in Chinese by default and English when asked", async () => {
    const body = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) });
    const zh = await api.post("/stations", body, { headers: { "content-type": "application/json" } });
    expect(zh.status).toBe(413);
    expect(zh.error).toMatchObject({ code: "payload_too_large", requestId: expect.any(String) });
    expect(zh.error.message).toMatch(/请求体过大/);
    const en = await api.post("/stations", body, { headers: { "accept-language": "en" } });
    expect(en.error.message).toMatch(/larger than/);
  });

  it("answers an unknown route with 404 in the API's error shape, in the caller's language", async () => {
    const zh = await api.get("/no-such-thing");
    expect(zh.status).toBe(404);
    expect(zh.error.message).toMatch(/没有这个接口/);
    const en = await api.get("/no-such-thing", { headers: { "accept-language": "en-US,en;q=0.9" } });
    expect(en.error.message).toMatch(/No route/);
  });
});
