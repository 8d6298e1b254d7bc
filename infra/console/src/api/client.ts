/**
 * The API client, typed from the API's OpenAPI document (schema.generated.ts, `npm run console:api`):
 * a contract change breaks the console's build, not its users.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.generated";

export type Api = ReturnType<typeof createClient<paths>>;

export interface ClientContext {
  readonly token: () => string | undefined;
  readonly language: () => "zh-CN" | "en";
  readonly onUnauthorized: () => void;
}

export function createApi(baseUrl: string, context: ClientContext): Api {
  const api = createClient<paths>({ baseUrl: baseUrl || window.location.origin });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = context.token();
      if (token) request.headers.set("authorization", `Bearer ${token}`);
      request.headers.set("accept-language", context.language());
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) context.onUnauthorized();
      return response;
    },
  };
  api.use(auth);
  return api;
}

/** A CSV export the API offers (`?format=csv`), fetched with the same headers as the client. */
export async function fetchCsv(
  baseUrl: string,
  context: ClientContext,
  path: string,
  query: Record<string, string | undefined>,
): Promise<Blob> {
  const url = new URL(`${baseUrl || window.location.origin}${path}`);
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
  url.searchParams.set("format", "csv");
  const headers: Record<string, string> = { accept: "text/csv", "accept-language": context.language() };
  const token = context.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return await response.blob();
}
