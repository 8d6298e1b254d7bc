/**
 * Matches a method and raw path against the API's routes (API Gateway `{param}` notation), the way
 * an HTTP API does: exact paths, case-sensitive, no trailing-slash folding, decoded parameters.
 */
import Router from "find-my-way";
import type { HttpMethod, RouteDefinition } from "../../../functions/kernel/http/routes";

export type RouteMatch =
  | {
      readonly kind: "found";
      readonly route: RouteDefinition;
      readonly routeKey: string;
      /** URL-decoded; undefined when the route has no parameters (as on AWS). */
      readonly pathParameters: Record<string, string> | undefined;
    }
  /** The path exists for other methods. */
  | { readonly kind: "method-not-allowed"; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: "not-found" }
  /** The path's percent-encoding is invalid. */
  | { readonly kind: "bad-path" };

export interface RouteMatcher {
  match(method: string, rawPath: string): RouteMatch;
}

interface Stored {
  readonly route: RouteDefinition;
  /** find-my-way parameter name → API Gateway parameter name (greedy `{name+}` becomes `*`). */
  readonly names: ReadonlyMap<string, string>;
}

/** `/stations/{stationId}` → `/stations/:stationId`; `/files/{proxy+}` → `/files/*`. */
export function toRouterPath(path: string): { routerPath: string; names: Map<string, string> } {
  const names = new Map<string, string>();
  const routerPath = path
    .split("/")
    .map((segment) => {
      const greedy = /^\{([A-Za-z0-9_.-]+)\+\}$/.exec(segment);
      if (greedy?.[1]) {
        names.set("*", greedy[1]);
        return "*";
      }
      const param = /^\{([A-Za-z0-9_.-]+)\}$/.exec(segment);
      if (param?.[1]) {
        names.set(param[1], param[1]);
        return `:${param[1]}`;
      }
      if (segment.includes("{") || segment.includes(":") || segment.includes("*")) {
        throw new Error(`unsupported route path segment "${segment}" in ${path}`);
      }
      return segment;
    })
    .join("/");
  return { routerPath, names };
}

export function createRouteMatcher(routes: readonly RouteDefinition[]): RouteMatcher {
  const router = Router({ caseSensitive: true, ignoreTrailingSlash: false, maxParamLength: 2048 });
  const methods = [...new Set(routes.map((route) => route.method))];
  for (const route of routes) {
    const { routerPath, names } = toRouterPath(route.path);
    const stored: Stored = { route, names };
    router.on(route.method, routerPath, () => undefined, stored);
  }

  const find = (method: HttpMethod, rawPath: string) => router.find(method, rawPath);

  return {
    match(method, rawPath) {
      try {
        decodeURI(rawPath);
      } catch {
        return { kind: "bad-path" };
      }
      const found = (methods as string[]).includes(method) ? find(method as HttpMethod, rawPath) : null;
      if (found) {
        const stored = found.store as Stored;
        const parameters: Record<string, string> = {};
        for (const [routerName, apiName] of stored.names) {
          const value = found.params[routerName];
          if (value !== undefined) parameters[apiName] = value;
        }
        return {
          kind: "found",
          route: stored.route,
          routeKey: `${stored.route.method} ${stored.route.path}`,
          pathParameters: stored.names.size > 0 ? parameters : undefined,
        };
      }
      const allowed = methods.filter((other) => other !== method && find(other, rawPath) !== null);
      return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
    },
  };
}
