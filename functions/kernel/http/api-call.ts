/** What the API middlewares hand each other: the event, the call being answered, the result. */
import type middy from "@middy/core";
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import type { Principal } from "../../domain/access";
import type { ApiRequest, Operation, OperationInput } from "./operation";

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** The call in progress, filled in by the middlewares in order (see api-handler.ts). */
export interface ApiCall {
  readonly request: ApiRequest;
  /** Undefined when no operation serves the route (a 404 is on its way). */
  readonly operation: Operation | undefined;
  /** The JSON body once parsed, or undefined when there was none. */
  body?: unknown;
  principal?: Principal;
  input?: OperationInput<unknown, unknown, unknown>;
}

export type ApiContext = Context & { api: ApiCall };

export type ApiMiddleware = middy.MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;
export type ApiMiddyRequest = middy.Request<ApiEvent, ApiResult, Error, ApiContext>;
