/**
 * The deployed bundles resolve credentials from the environment only (infra/bundling.ts aliases the
 * SDK's default chain to infra/bundling/env-credentials.ts; docs/decisions/0010). A real bundle of a
 * small entry that uses the functions' own DynamoDB client and a Step Functions client made as
 * deployed (credentials-probe.ts), built with `bundleSettings`, runs in a child process whose
 * environment holds what Lambda gives a function (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN, AWS_REGION) and a HOME with no AWS files. Its requests pass through a proxy
 * that checks each SigV4 signature against the secret (computed here, independently of the SDK)
 * and forwards it to DynamoDB Local or to the local Step Functions endpoint, which must accept it.
 */
import { execFile } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SfnEndpoint, startSfnEndpoint } from "../../infra/local/sfn-endpoint";
import type { WorkflowRuntime } from "../../infra/local/workflow-runtime";
import { type Bundle, bundle } from "../bench/bundles";
import { type FreshTable, freshTable } from "../support/dynamodb";

const run = promisify(execFile);

/** What Lambda puts in a function's environment (made-up values in AWS's documented shapes). */
const lambdaCredentials = {
  AWS_ACCESS_KEY_ID: "ASIAENVONLYPROBE0001",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYENVONLYKEY",
  AWS_SESSION_TOKEN: "IQoJb3JpZ2luX2VjENVONLYPROBESESSIONTOKEN",
};
/** Credentials only in ~/.aws/credentials: what the default chain would find and a Lambda never has. */
const fileCredentials = {
  accessKeyId: "AKIAINIFILEPROBE0002",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbINIFILEKEY",
};
const secrets = new Map([
  [lambdaCredentials.AWS_ACCESS_KEY_ID, lambdaCredentials.AWS_SECRET_ACCESS_KEY],
  [fileCredentials.accessKeyId, fileCredentials.secretAccessKey],
]);
const region = "cn-north-1";

/** The packages of the SDK's default chain beyond its first link (and what only they pull in). */
const defaultChain = [
  "@aws-sdk/credential-provider-node",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-http",
  "@aws-sdk/credential-provider-login",
  "@aws-sdk/token-providers",
  "@aws-sdk/nested-clients",
  "@smithy/credential-provider-imds",
];

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

interface SignedRequest {
  readonly target: string;
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly sessionToken: string | undefined;
  /** Why the signature does not hold, or undefined when it does. */
  readonly problem: string | undefined;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** Checks a request's Signature Version 4 signature the way AWS does, from the secret of its key id. */
function checkSignature(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): SignedRequest {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const target = header("x-amz-target") ?? "";
  const sessionToken = header("x-amz-security-token");
  const match = authorizationPattern.exec(header("authorization") ?? "");
  if (!match) {
    const problem = `no SigV4 Authorization header: ${header("authorization")}`;
    return { target, accessKeyId: "", region: "", service: "", sessionToken, problem };
  }
  const [, accessKeyId = "", day = "", signedRegion = "", service = "", signedHeaders = "", signature] =
    match;
  const fields = { target, accessKeyId, region: signedRegion, service, sessionToken };
  const secret = secrets.get(accessKeyId);
  const amzDate = header("x-amz-date") ?? "";
  if (!secret) return { ...fields, problem: `unknown access key id ${accessKeyId}` };
  if (!amzDate.startsWith(day)) return { ...fields, problem: `X-Amz-Date ${amzDate} is not of ${day}` };
  const [path = "/", query = ""] = url.split("?");
  const canonicalQuery = query.split("&").filter(Boolean).sort().join("&");
  const canonicalHeaders = signedHeaders
    .split(";")
    .map((name) => `${name}:${(header(name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const payloadHash = header("x-amz-content-sha256") ?? sha256(body);
  const canonicalRequest = [method, path, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join(
    "\n",
  );
  const scope = `${day}/${signedRegion}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${secret}`, day);
  for (const part of [signedRegion, service, "aws4_request"]) key = hmac(key, part);
  const expected = hmac(key, stringToSign).toString("hex");
  return { ...fields, problem: expected === signature ? undefined : "the signature does not match" };
}

interface Proxy {
  readonly url: string;
  readonly seen: SignedRequest[];
  close(): Promise<void>;
}

/** An HTTP proxy in front of `upstream` that records and checks the signature of every request. */
async function signatureCheckingProxy(upstream: string): Promise<Proxy> {
  const seen: SignedRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push(checkSignature(incoming.method ?? "", incoming.url ?? "/", incoming.headers, body));
      const forwarded = httpRequest(
        new URL(incoming.url ?? "/", upstream),
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on("error", (error) => outgoing.destroy(error));
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type ProbeOutcome =
  | { readonly ok: true; readonly result: { readonly note?: string } }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

let outDir: string;
let deployed: Bundle;
let stock: Bundle;
let table: FreshTable;
let sfnEndpoint: SfnEndpoint;
let dynamodbProxy: Proxy;
let sfnProxy: Proxy;
let emptyHome: string;
let homeWithCredentialsFile: string;
const delivered: { taskToken: string; output: unknown }[] = [];

/**
 * Runs a bundle's handler as Lambda would, in a fresh process whose environment holds only `env`
 * and what points it at the local services.
 */
async function invoke(b: Bundle, env: Record<string, string>, id: string): Promise<ProbeOutcome> {
  const script = [
    `const { handler } = await import(${JSON.stringify(pathToFileURL(b.file).href)});`,
    "try {",
    `  process.stdout.write(JSON.stringify({ ok: true, result: await handler(${JSON.stringify({ id, taskToken: `token-${id}` })}) }));`,
    "} catch (error) {",
    "  process.stdout.write(JSON.stringify({ ok: false, error: { name: error.name, message: error.message } }));",
    "}",
  ].join("\n");
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    env: {
      ...env,
      AWS_REGION: region,
      TABLE_NAME: table.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodbProxy.url,
      AWS_ENDPOINT_URL_SFN: sfnProxy.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      LOG_LEVEL: "warn",
    },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as ProbeOutcome;
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "hsl-env-credentials-"));
  [deployed, stock] = await Promise.all([
    bundle("deployed", "test/infra/credentials-probe.ts", outDir),
    bundle("stock", "test/infra/credentials-probe.ts", outDir, { stock: true }),
  ]);
  emptyHome = join(outDir, "home-empty");
  homeWithCredentialsFile = join(outDir, "home-with-file");
  await mkdir(emptyHome);
  await mkdir(join(homeWithCredentialsFile, ".aws"), { recursive: true });
  await writeFile(
    join(homeWithCredentialsFile, ".aws", "credentials"),
    `[default]\naws_access_key_id = ${fileCredentials.accessKeyId}\naws_secret_access_key = ${fileCredentials.secretAccessKey}\n`,
  );
  table = await freshTable("env-credentials");
  // Only SendTaskSuccess is called: a runtime that records what it is given stands in for the topic loop.
  const runtime: Pick<WorkflowRuntime, "sendTaskSuccess"> = {
    async sendTaskSuccess(taskToken, output) {
      delivered.push({ taskToken, output });
    },
  };
  sfnEndpoint = await startSfnEndpoint(runtime as WorkflowRuntime);
  dynamodbProxy = await signatureCheckingProxy(table.endpoint);
  sfnProxy = await signatureCheckingProxy(sfnEndpoint.url);
});

afterAll(async () => {
  await dynamodbProxy?.close();
  await sfnProxy?.close();
  await sfnEndpoint?.close();
  table?.client.destroy();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("a bundle built with bundleSettings", () => {
  it("leaves the SDK's default credential chain out; the stock build has it", () => {
    const chainIn = (b: Bundle) => defaultChain.filter((part) => b.parts.has(part));
    expect(chainIn(deployed)).toEqual([]);
    expect(deployed.parts.has("infra/bundling/env-credentials.ts")).toBe(true);
    expect(deployed.parts.has("@aws-sdk/credential-provider-env")).toBe(true);
    // The check above would pass on an empty list: the stock build shows the names are the real ones.
    expect(chainIn(stock)).toEqual(
      expect.arrayContaining([
        "@aws-sdk/credential-provider-node",
        "@aws-sdk/credential-provider-ini",
        "@aws-sdk/credential-provider-sso",
        "@aws-sdk/credential-provider-process",
        "@aws-sdk/credential-provider-web-identity",
      ]),
    );
    expect(stock.bytes - deployed.bytes).toBeGreaterThan(100_000);
  });

  it("signs with Lambda's environment credentials, and DynamoDB Local and the Step Functions endpoint accept it", async () => {
    const before = { dynamodb: dynamodbProxy.seen.length, sfn: sfnProxy.seen.length };
    const outcome = await invoke(deployed, { ...lambdaCredentials, HOME: emptyHome }, "env");
    expect(outcome).toEqual({ ok: true, result: { note: "signed" } });
    expect(delivered).toContainEqual({ taskToken: "token-env", output: { note: "signed" } });

    const signed = {
      accessKeyId: lambdaCredentials.AWS_ACCESS_KEY_ID,
      sessionToken: lambdaCredentials.AWS_SESSION_TOKEN,
      region,
      problem: undefined,
    };
    expect(dynamodbProxy.seen.slice(before.dynamodb)).toEqual([
      { ...signed, service: "dynamodb", target: "DynamoDB_20120810.PutItem" },
      { ...signed, service: "dynamodb", target: "DynamoDB_20120810.GetItem" },
    ]);
    expect(sfnProxy.seen.slice(before.sfn)).toEqual([
      { ...signed, service: "states", target: "AWSStepFunctions.SendTaskSuccess" },
    ]);
  });

  it("does not look for credentials anywhere else: a credentials file the stock build would use is ignored", async () => {
    const before = { dynamodb: dynamodbProxy.seen.length, sfn: sfnProxy.seen.length };
    const outcome = await invoke(deployed, { HOME: homeWithCredentialsFile }, "file");
    expect(outcome).toMatchObject({ ok: false, error: { name: "CredentialsProviderError" } });
    expect(dynamodbProxy.seen.length).toBe(before.dynamodb);

    // The same entry built the usual way finds the file: the difference is the alias, not the setup.
    const stockOutcome = await invoke(stock, { HOME: homeWithCredentialsFile }, "stock");
    expect(stockOutcome).toEqual({ ok: true, result: { note: "signed" } });
    const stockRequests = [...dynamodbProxy.seen.slice(before.dynamodb), ...sfnProxy.seen.slice(before.sfn)];
    expect(stockRequests).toHaveLength(3);
    for (const request of stockRequests) {
      expect(request).toMatchObject({ accessKeyId: fileCredentials.accessKeyId, problem: undefined });
    }
  });
});
