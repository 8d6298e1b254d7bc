/**
 * A local stand-in for an AWS service endpoint, for the channels' tests: it checks every request's
 * Signature Version 4 signature the way AWS does, from the secret of its key id (on node:crypto,
 * independently of the SDK that signed it), records what arrived, and answers as the test says —
 * or not at all (a timeout).
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Why the signature does not hold, or undefined when it does. */
  readonly signatureProblem: string | undefined;
  /** The region and service the request was signed for. */
  readonly region: string;
  readonly service: string;
}

/** Checks a request's SigV4 signature; `secrets` maps access key ids to their secrets. */
export function sigV4Problem(
  request: Omit<ReceivedRequest, "signatureProblem" | "region" | "service">,
  secrets: ReadonlyMap<string, string>,
): { problem: string | undefined; region: string; service: string } {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const match = authorizationPattern.exec(header("authorization") ?? "");
  if (!match) return { problem: "no SigV4 Authorization header", region: "", service: "" };
  const [, keyId = "", day = "", region = "", service = "", signedHeaders = "", signature] = match;
  const secret = secrets.get(keyId);
  const amzDate = header("x-amz-date") ?? "";
  if (!secret) return { problem: `unknown access key id ${keyId}`, region, service };
  if (!amzDate.startsWith(day)) return { problem: `X-Amz-Date ${amzDate} is not of ${day}`, region, service };
  const [path = "/", query = ""] = request.url.split("?");
  const canonicalHeaders = signedHeaders
    .split(";")
    .map((name) => `${name}:${(header(name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = [
    request.method,
    path,
    query.split("&").filter(Boolean).sort().join("&"),
    canonicalHeaders,
    signedHeaders,
    header("x-amz-content-sha256") ?? sha256(request.body),
  ].join("\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${secret}`, day);
  for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
  const expected = hmac(key, stringToSign).toString("hex");
  return { problem: expected === signature ? undefined : "the signature does not match", region, service };
}

export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface Receiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  close(): void;
}

/** A receiver on 127.0.0.1; `answer` returns what to send back, or `undefined` to never answer. */
export async function awsReceiver(
  secrets: ReadonlyMap<string, string>,
  answer: (request: ReceivedRequest) => Answer | undefined,
): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const raw = { method: incoming.method ?? "", url: incoming.url ?? "/", headers: incoming.headers };
      const body = Buffer.concat(chunks).toString("utf8");
      const { problem, region, service } = sigV4Problem({ ...raw, body }, secrets);
      const request = { ...raw, body, signatureProblem: problem, region, service };
      received.push(request);
      const reply = answer(request);
      if (!reply) return; // never answers: the client's timeout
      outgoing.writeHead(reply.status, reply.headers ?? {});
      outgoing.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * A receiver for the whole test file: started before its tests with the process's AWS credentials
 * set to the one key it accepts, stopped after them with the environment restored.
 */
export function useAwsReceiver(
  accessKeyId: string,
  secretAccessKey: string,
  answer: Parameters<typeof awsReceiver>[1],
): { readonly current: () => Receiver } {
  const saved = { ...process.env };
  let receiver: Receiver | undefined;
  beforeAll(async () => {
    receiver = await awsReceiver(new Map([[accessKeyId, secretAccessKey]]), answer);
    process.env.AWS_ACCESS_KEY_ID = accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = secretAccessKey;
    process.env.AWS_REGION = "us-east-1";
    delete process.env.AWS_SESSION_TOKEN;
  });
  afterAll(() => {
    receiver?.close();
    process.env = saved;
  });
  return {
    current: () => {
      if (!receiver) throw new Error("the AWS receiver starts before the tests");
      return receiver;
    },
  };
}
