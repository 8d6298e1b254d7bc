/**
 * A hook on every request the functions send to DynamoDB: in the bench's processes the API functions
 * and the loop's task function share the one client of functions/kernel/table/client.ts, and the log
 * scope of the caller (an API request's id and route, a loop task's name) is still current here.
 */
import { logScopeFields } from "../../functions/kernel/log";
import { dynamodb } from "../../functions/kernel/table/client";

export interface DynamoDbRequest {
  /** `GetItem`, `TransactWriteItems`, … */
  readonly command: string;
  /** The fields of the caller's log scope. */
  readonly scope: Readonly<Record<string, unknown>>;
}

/** Calls `onRequest` as each request starts and `onDone` (with its milliseconds) as it ends. */
export function watchDynamoDbRequests(
  name: string,
  onRequest: (request: DynamoDbRequest) => void,
  onDone?: (ms: number) => void,
): void {
  dynamodb().middlewareStack.add(
    (next, context) => async (args) => {
      onRequest({
        command: (context.commandName ?? "?").replace(/Command$/, ""),
        scope: logScopeFields() ?? {},
      });
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        onDone?.(performance.now() - started);
      }
    },
    { step: "initialize", name },
  );
}
