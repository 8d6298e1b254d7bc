/**
 * Loads the Lambda functions behind the API's routes, in-process: each route names its function
 * (functions/api/routes.ts), and the function's entry is `functions/<name>.ts`, as the stack bundles it.
 */
import { routes as apiRoutes, type RouteDefinition } from "../../functions/kernel/http/routes";
import type { ApiFunction } from "./gateway";

/** The distinct function names of a route table, in first-use order. */
export function functionNames(routeTable: readonly RouteDefinition[] = apiRoutes): string[] {
  return [...new Set(routeTable.map((route) => route.function))];
}

/**
 * Imports every function module. The handlers read their configuration (TABLE_NAME, …) from the
 * environment, so call this only once the environment is in place.
 */
export async function loadApiFunctions(
  routeTable: readonly RouteDefinition[] = apiRoutes,
): Promise<Record<string, ApiFunction>> {
  const loaded: Record<string, ApiFunction> = {};
  for (const name of functionNames(routeTable)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      throw new Error(`unexpected function name "${name}" in the route table`);
    const module: unknown = await import(`../../functions/${name}.ts`);
    const handler = (module as { handler?: unknown }).handler;
    if (typeof handler !== "function") {
      throw new Error(`functions/${name}.ts does not export a handler function`);
    }
    loaded[name] = { handler: handler as ApiFunction["handler"] };
  }
  return loaded;
}
