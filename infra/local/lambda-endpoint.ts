/**
 * A local Lambda `Invoke` endpoint for one function: the REST call the SDK makes
 * (`POST /2015-03-31/functions/{name}/invocations`), so that code handing work to another function
 * (`@aws-sdk/client-lambda`, env `LAMBDA_ENDPOINT`) runs unchanged locally. `Event` invocations are
 * answered 202 at once and run in the background, as Lambda queues them; `RequestResponse` ones
 * answer the handler's result. Closing waits for what is still running.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LambdaEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

export interface LocalFunction {
  readonly name: string;
  readonly handler: (event: unknown) => Promise<unknown>;
  /** Told of a background run that failed (Lambda would retry it, then drop it). */
  readonly onError: (error: unknown) => void;
}

const invocationPath = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const maxPayloadBytes = 256 * 1024;

async function readPayload(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxPayloadBytes) throw new LambdaError(413, "RequestTooLargeException", "payload over 256 KB");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    throw new LambdaError(400, "InvalidRequestContentException", "payload is not JSON");
  }
}

class LambdaError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function answer(
  response: ServerResponse,
  status: number,
  body?: unknown,
  errorHeader?: Record<string, string>,
): void {
  const headers: Record<string, string> = { "content-type": "application/json", ...errorHeader };
  response.writeHead(status, headers);
  response.end(body === undefined ? "" : JSON.stringify(body));
}

export async function startLambdaEndpoint(fn: LocalFunction): Promise<LambdaEndpoint> {
  const running = new Set<Promise<unknown>>();
  const invoke = async (request: IncomingMessage, response: ServerResponse) => {
    const name = invocationPath.exec(request.url?.split("?")[0] ?? "")?.[1];
    if (request.method !== "POST" || name === undefined)
      throw new LambdaError(404, "UnknownOperationException", "not a Lambda Invoke call");
    if (decodeURIComponent(name) !== fn.name)
      throw new LambdaError(404, "ResourceNotFoundException", `Function not found: ${name}`);
    const payload = await readPayload(request);
    if (request.headers["x-amz-invocation-type"] !== "Event")
      return answer(response, 200, await fn.handler(payload));
    const run = fn.handler(payload).catch(fn.onError);
    running.add(run);
    void run.finally(() => running.delete(run));
    answer(response, 202);
  };
  const server = createServer((request, response) => {
    invoke(request, response).catch((error: unknown) => {
      if (error instanceof LambdaError)
        return answer(response, error.status, { message: error.message }, { "x-amzn-errortype": error.type });
      // What Lambda answers when the function itself threw.
      answer(response, 200, { errorMessage: String(error) }, { "x-amz-function-error": "Unhandled" });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await Promise.allSettled([...running]);
    },
  };
}
