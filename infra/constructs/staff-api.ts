/**
 * The staff API: an HTTP API whose routes are exactly those of functions/api/routes.ts, each served by
 * the function its route names, protected by a JWT authorizer unless a route is marked public.
 */
import { Duration, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import {
  type ApiFunctionName,
  type RouteDefinition,
  routeKeyOf,
  routes,
} from "../../functions/kernel/http/routes";

export interface StaffApiProps {
  /** The function serving each part of the API (each dispatches on the route key). */
  readonly handlers: Readonly<Record<ApiFunctionName, IFunction>>;
  /** The JWT issuer (`iss`), e.g. the Cognito user pool's issuer URL. */
  readonly jwtIssuer: string;
  /** Accepted `aud` (or `client_id`) values: the app clients' ids. */
  readonly jwtAudience: readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  /** @default the route table of functions/api/routes.ts */
  readonly routes?: readonly RouteDefinition[];
}

/**
 * Why each public route may skip the authorizer (cdk-nag AwsSolutions-APIG4). A route marked public
 * in routes.ts without an entry here fails synthesis, so that nobody opens a route silently.
 */
export const publicRouteReasons: Readonly<Record<string, string>> = {
  "GET /health": "Liveness probe for uptime monitoring; it answers without reading any data.",
  "GET /openapi.json":
    "The API's published contract (the OpenAPI document clients and tests use); it holds no data.",
};

/** One JSON line per request, keyed by the request id every response carries. */
const accessLogFields = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  routeKey: "$context.routeKey",
  path: "$context.path",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  error: "$context.error.message",
  subject: "$context.authorizer.claims.sub",
};

export class StaffApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  readonly accessLogs: LogGroup;
  /** The created routes by route key, e.g. `GET /stations/{stationId}`. */
  readonly routes: ReadonlyMap<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);

    this.authorizer = new HttpJwtAuthorizer("JwtAuthorizer", props.jwtIssuer, {
      jwtAudience: [...props.jwtAudience],
      identitySource: ["$request.header.Authorization"],
    });

    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "好商量 staff API",
      // Any route added without an explicit authorizer requires a valid token.
      defaultAuthorizer: this.authorizer,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ["authorization", "content-type", "if-match", "accept", "accept-language"],
        exposeHeaders: ["etag", "x-request-id", "content-disposition"],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new LogGroup(this, "AccessLogs", { retention: props.logRetention });
    this.stage = this.httpApi.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: props.throttle.rateLimit, burstLimit: props.throttle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    // One integration and one API-wide invoke permission per function, however many routes it
    // serves: a permission per route would grow the function's resource policy towards its 20 KB limit.
    const integrations = new Map<ApiFunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: ApiFunctionName): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${name}Function`, props.handlers[name], {
          scopePermissionToRoute: false,
        });
        integrations.set(name, integration);
      }
      return integration;
    };
    const none = new HttpNoneAuthorizer();
    const created = new Map<string, HttpRoute>();
    for (const route of props.routes ?? routes) {
      const key = routeKeyOf(route);
      const httpRoute = new HttpRoute(this, `Route ${key.replaceAll("/", "|")}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationFor(route.function),
        authorizer: route.auth === "public" ? none : this.authorizer,
      });
      if (route.auth === "public") {
        const reason = publicRouteReasons[key];
        if (!reason) {
          throw new Error(
            `route ${key} is public: give the reason in publicRouteReasons (infra/constructs/staff-api.ts)`,
          );
        }
        // On the route resource itself: the shared integration and permission live under the first
        // route's scope and must not inherit the acknowledgement.
        const resource = httpRoute.node.defaultChild;
        if (!resource) throw new Error(`route ${key} has no CloudFormation resource`);
        Validations.of(resource).acknowledge({ id: "AwsSolutions-APIG4", reason });
      }
      created.set(key, httpRoute);
    }
    this.routes = created;
  }

  /** The base URL of the default stage. */
  get url(): string {
    return this.stage.url;
  }
}
