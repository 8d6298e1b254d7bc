/**
 * What the deployed bundles get for `node:http` (an esbuild alias in ../bundling.ts): the same module,
 * loaded with `require` instead of an ESM `import`.
 *
 * `@middy/util` imports `STATUS_CODES` from `node:http`, which a bundle keeps as an ESM import. For an
 * ESM import Node.js builds a facade of the module's exports and reads every one of them, and three
 * (`WebSocket`, `CloseEvent`, `MessageEvent`) are getters that load undici, Node.js's fetch and
 * WebSocket implementation: some 35 ms of CPU at every cold start of an API function, for a table of
 * status texts. `require` returns the module without reading its getters. The SDK's own, lazy
 * `import("node:http")` (only for plain-HTTP endpoints) gets the same module through `default`.
 */
import type * as Http from "node:http";
import { createRequire } from "node:module";

// Not `require("node:http")`: esbuild would resolve that through the alias, back to this module.
const http = createRequire(import.meta.url)("node:http") as typeof Http;

export default http;
export const {
  Agent,
  ClientRequest,
  IncomingMessage,
  METHODS,
  OutgoingMessage,
  STATUS_CODES,
  Server,
  ServerResponse,
  createServer,
  get,
  request,
  validateHeaderName,
  validateHeaderValue,
} = http;
