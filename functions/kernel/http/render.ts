/** Turns an operation's answer into API Gateway's result: JSON, or CSV when the client asks for it. */
import type { ApiResult } from "./api-call";
import { toCsv, wantsCsv } from "./csv";
import type { ApiRequest, ApiResponse, Operation } from "./operation";

function asCsv(response: ApiResponse, request: ApiRequest, operation: Operation | undefined) {
  const csv = operation?.csv;
  const items = (response.body as { items?: unknown } | undefined)?.items;
  if (!csv || response.status !== 200 || !Array.isArray(items)) return undefined;
  if (!wantsCsv(request.query, request.headers.accept)) return undefined;
  const cursor = (response.body as { cursor?: unknown }).cursor;
  return {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csv.fileName}.csv"`,
      ...(typeof cursor === "string" ? { "x-next-cursor": cursor } : {}),
    },
    body: toCsv(items, csv.columnsFor?.(response.body) ?? csv.columns, request.language),
  };
}

export function render(
  response: ApiResponse,
  request: ApiRequest,
  operation: Operation | undefined,
): ApiResult {
  const headers: Record<string, string> = {
    "x-request-id": request.requestId,
    "cache-control": "no-store",
    "content-language": request.language,
    ...response.headers,
  };
  if (response.body === undefined) return { statusCode: response.status, headers };
  const csv = asCsv(response, request, operation);
  if (csv) return { statusCode: 200, headers: { ...headers, ...csv.headers }, body: csv.body };
  headers["content-type"] = "application/json; charset=utf-8";
  return { statusCode: response.status, headers, body: JSON.stringify(response.body) };
}
