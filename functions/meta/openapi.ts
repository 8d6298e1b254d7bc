/**
 * The OpenAPI 3.1 document, generated from the same valibot schemas that validate requests, so the
 * published contract cannot drift from what the handlers accept.
 */
import * as v from "valibot";
import type { Operation } from "../kernel/http/operation";
import { type RouteDefinition, routes } from "../kernel/http/routes";
import { describe, type JsonSchema } from "./json-schema";
import { responseSchemas } from "./response-schemas";

function queryParameters(schema: v.GenericSchema | undefined) {
  if (!schema) return [];
  const described = describe(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(described.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: described.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** Path parameters as the route names them, each with its schema when the operation declares one. */
function pathParameters(path: string, schema: v.GenericSchema | undefined) {
  const described = schema
    ? (describe(schema, "input") as { properties?: Record<string, JsonSchema> })
    : undefined;
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name = ""]) => ({
    name,
    in: "path",
    required: true,
    schema: described?.properties?.[name] ?? { type: "string" },
  }));
}

function schemaRef(name: string) {
  if (!Object.hasOwn(responseSchemas, name)) throw new Error(`no response schema is named "${name}"`);
  return { $ref: `#/components/schemas/${name}` };
}

const tagDescriptions: Record<string, string> = {
  meta: "Service health and this document",
  stations: "委员工作站（室） — member work stations and rooms",
  members: "政协委员 — members",
  assignments: "委员下沉 — which members serve at which stations",
  invitations: "邀请下沉 — a station invites a member, the member accepts or declines",
  contacts:
    "通讯录 — the liaison leaders, special committees and county-office people the escalation ladder reaches",
  users:
    "登录用户 — who may sign in and what they are here (role, stations, member record); the county office keeps them",
  activities: "活动 — what a station does: consultations, duty, reception, visits… (the 4+X)",
  duty: "委员值班 — the duty roster, reminders, check-ins and no-shows",
  opinions: "社情民意 — public-opinion items, reported upward, adopted, promoted to topics",
  quota: "4+X 考核 — the year's plan, the quota's pace and the quarterly check",
};

function responsesOf(operation: Operation) {
  const responses: Record<string, unknown> = {};
  for (const response of operation.responses) {
    const content: Record<string, unknown> = {};
    if (response.schema) content["application/json"] = { schema: schemaRef(response.schema) };
    if (response.status === 200 && operation.csv) content["text/csv"] = { schema: { type: "string" } };
    responses[String(response.status)] = {
      description: response.description,
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  return responses;
}

const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Any 1–128 visible ASCII characters, new for each intended create (a UUID). The same key from the same caller within 24 hours answers the first answer again (with `Idempotent-Replayed: true`) and creates nothing; with a different request it is 422; while the first is still running, 409 request_in_progress with Retry-After.",
  schema: { type: "string", pattern: "^[\\x21-\\x7E]{1,128}$" },
};

const idempotencyResponses = {
  "422": {
    description: "The Idempotency-Key was used for a different request",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
};

/**
 * Answered by API Gateway itself, before any function runs, in AWS's shape rather than the API's:
 * the JWT authorizer's 401. (An unknown route is AWS's 404 `{"message":"Not Found"}`.)
 */
const gatewayResponses = {
  "401": {
    description:
      'No valid token: answered by API Gateway\'s JWT authorizer as `{"message":"Unauthorized"}` (AWS\'s shape, not the API\'s error shape), with a WWW-Authenticate header.',
    content: {
      "application/json": {
        schema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
      },
    },
  },
};

const formatParameter = {
  name: "format",
  in: "query",
  required: false,
  schema: { type: "string", enum: ["json", "csv"] },
};

function operationObject(route: RouteDefinition, operation: Operation) {
  const parameters = [
    ...pathParameters(route.path, operation.path),
    ...queryParameters(operation.query),
    ...(operation.csv ? [formatParameter] : []),
    ...(operation.idempotent ? [idempotencyKeyParameter] : []),
  ];
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    security: route.auth === "public" ? [] : [{ bearerAuth: [] }],
    ...(route.auth === "jwt" ? { "x-roles": operation.allow ?? ["admin", "staff", "member"] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: !v.safeParse(operation.body, undefined).success,
            content: {
              "application/json": { schema: describe(operation.documentedBody ?? operation.body, "input") },
            },
          },
        }
      : {}),
    responses: {
      ...responsesOf(operation),
      ...(route.auth === "jwt" ? gatewayResponses : {}),
      ...(operation.idempotent ? idempotencyResponses : {}),
    },
  };
}

export function buildOpenApiDocument(operations: readonly Operation[], serverUrl = "/") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation = operations.find((op) => op.route === `${route.method} ${route.path}`);
    if (!operation) continue;
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operationObject(
      route,
      operation,
    );
  }
  const usedTags = [...new Set(operations.map((op) => op.tag))];
  return {
    openapi: "3.1.0",
    info: {
      title: "好商量 haoshangliang API",
      version: "0.1.0",
      description:
        "Grassroots consultation through CPPCC member work stations: stations, members, topics and the delivery log. Errors are answered in Simplified Chinese unless Accept-Language prefers English.",
      license: { name: "UNLICENSED", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: serverUrl }],
    tags: usedTags.map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(responseSchemas).map(([name, schema]) => [name, describe(schema, "output")]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "A Cognito ID token (locally: `npm run token -- --role admin`).",
        },
      },
    },
  };
}
