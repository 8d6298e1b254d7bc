/**
 * A local Step Functions endpoint: a small HTTP server on 127.0.0.1 speaking the AWS JSON 1.0
 * protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`, JSON bodies) in front of the local workflow
 * runtime. Application code uses the real `@aws-sdk/client-sfn` with `endpoint` set to this server's
 * URL (env `STEPFUNCTIONS_ENDPOINT`, see functions/workflow/sfn.ts): the same calls run locally and
 * on AWS, and errors come back as the SDK's own exceptions (`TaskTimedOut`, `InvalidToken`, …).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ExecutionDescription, SfnError, type WorkflowRuntime } from "./workflow-runtime";

export interface SfnEndpoint {
  /** e.g. http://127.0.0.1:53127 */
  readonly url: string;
  close(): Promise<void>;
}

export interface SfnEndpointOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 or undefined: a free port. */
  readonly port?: number;
}

/** Requests larger than this get 413 (Step Functions' own limit for payloads is 256 KiB). */
const maxBodyBytes = 1024 * 1024;

/** An error in the AWS JSON protocol's shape; the SDK turns `__type` into its exception class. */
class ProtocolError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

const epochSeconds = (date: Date) => date.getTime() / 1000;

function text(body: Body, field: string, required: true): string;
function text(body: Body, field: string, required?: false): string | undefined;
function text(body: Body, field: string, required = false): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw new ProtocolError("ValidationException", `${field} is required`);
    return undefined;
  }
  if (typeof value !== "string") throw new ProtocolError("ValidationException", `${field} must be a string`);
  return value;
}

function parseJson(value: string, type: string, what: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new ProtocolError(
      type,
      `${what} is not valid JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
}

function executionBody(execution: ExecutionDescription): Body {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(execution.stopDate ? { stopDate: epochSeconds(execution.stopDate) } : {}),
  };
}

type Operation = (runtime: WorkflowRuntime, body: Body) => Promise<Body>;

const operations: Record<string, Operation> = {
  async StartExecution(runtime, body) {
    const input = text(body, "input");
    const name = text(body, "name");
    const started = await runtime.startExecution({
      stateMachineArn: text(body, "stateMachineArn", true),
      ...(name !== undefined ? { name } : {}),
      input: input === undefined ? {} : parseJson(input, "InvalidExecutionInput", "input"),
    });
    return { executionArn: started.executionArn, startDate: epochSeconds(started.startDate) };
  },

  async SendTaskSuccess(runtime, body) {
    const taskToken = text(body, "taskToken", true);
    const output = parseJson(text(body, "output", true), "InvalidOutput", "output");
    await runtime.sendTaskSuccess(taskToken, output);
    return {};
  },

  async SendTaskFailure(runtime, body) {
    await runtime.sendTaskFailure(text(body, "taskToken", true), text(body, "error"), text(body, "cause"));
    return {};
  },

  async SendTaskHeartbeat(runtime, body) {
    await runtime.sendTaskHeartbeat(text(body, "taskToken", true));
    return {};
  },

  async DescribeExecution(runtime, body) {
    const execution = runtime.describeExecution(text(body, "executionArn", true));
    return {
      ...executionBody(execution),
      input: JSON.stringify(execution.input),
      inputDetails: { included: true },
      ...(execution.output !== undefined
        ? { output: JSON.stringify(execution.output), outputDetails: { included: true } }
        : {}),
      ...(execution.error !== undefined ? { error: execution.error } : {}),
      ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    };
  },

  async StopExecution(runtime, body) {
    const stopped = await runtime.stopExecution(
      text(body, "executionArn", true),
      text(body, "error"),
      text(body, "cause"),
    );
    return { stopDate: epochSeconds(stopped.stopDate) };
  },

  async ListExecutions(runtime, body) {
    const stateMachineArn = text(body, "stateMachineArn", true);
    if (stateMachineArn !== runtime.stateMachineArn) {
      throw new ProtocolError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    }
    const status = text(body, "statusFilter");
    const executions = runtime.listExecutions(
      status === undefined ? {} : { status: status as ExecutionDescription["status"] },
    );
    const max =
      typeof body.maxResults === "number" && body.maxResults > 0 ? Math.min(body.maxResults, 1000) : 100;
    // The token is the position of the next page (opaque to the SDK, as AWS's is).
    const from = Number(text(body, "nextToken") ?? "0");
    if (!Number.isInteger(from) || from < 0) throw new ProtocolError("InvalidToken", "Invalid Token");
    const page = executions.slice(from, from + max);
    const next = from + max < executions.length ? { nextToken: String(from + max) } : {};
    return { executions: page.map(executionBody), ...next };
  },
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) throw new ProtocolError("RequestEntityTooLarge", "request body too large", 413);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: Body): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.0",
    "content-length": Buffer.byteLength(payload),
    "x-amzn-requestid": crypto.randomUUID(),
  });
  response.end(payload);
}

async function handle(runtime: WorkflowRuntime, request: IncomingMessage, response: ServerResponse) {
  try {
    if (request.method !== "POST")
      throw new ProtocolError("UnknownOperationException", "only POST is served");
    const target = request.headers["x-amz-target"];
    const operationName = typeof target === "string" ? target.replace(/^AWSStepFunctions\./, "") : "";
    const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
    if (!operation) {
      throw new ProtocolError("UnknownOperationException", `unsupported operation ${String(target)}`);
    }
    const raw = await readBody(request);
    const body = raw.trim() === "" ? {} : parseJson(raw, "SerializationException", "the request body");
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new ProtocolError("SerializationException", "the request body must be a JSON object");
    }
    send(response, 200, await operation(runtime, body as Body));
  } catch (error) {
    if (error instanceof ProtocolError) {
      send(response, error.status, { __type: error.type, message: error.message });
    } else if (error instanceof SfnError) {
      send(response, 400, { __type: error.name, message: error.message });
    } else {
      send(response, 500, {
        __type: "InternalFailure",
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Serves the runtime over HTTP until closed. */
export async function startSfnEndpoint(
  runtime: WorkflowRuntime,
  options: SfnEndpointOptions = {},
): Promise<SfnEndpoint> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    void handle(runtime, request, response);
  });
  // The SDK keeps connections alive; closing must not wait for them.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
