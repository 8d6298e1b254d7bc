/**
 * One county's deployment: the table, the API functions bound to it, the user pool and the HTTP API.
 */
import { CfnOutput, Stack, type StackProps, Tags } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { type ApiFunctionName, routes } from "../functions/api/routes";
import { AppTable } from "./constructs/app-table";
import { StaffApi } from "./constructs/staff-api";
import { StaffAuth } from "./constructs/staff-auth";
import { type TableAccess, TableFunction } from "./constructs/table-function";
import type { CountySettings } from "./settings";

export interface HaoshangliangStackProps extends StackProps {
  readonly settings: CountySettings;
}

/** The environment every function gets (functions/config.ts reads it; TABLE_NAME comes from bindTable). */
export function functionEnvironment(settings: CountySettings): Record<string, string> {
  return {
    COUNTY_NAME: settings.county,
    COUNTY_TIME_ZONE: settings.timeZone,
    DEFAULT_LANGUAGE: settings.defaultLanguage,
    ...(settings.smsSignature ? { SMS_SIGNATURE: settings.smsSignature } : {}),
  };
}

/** What each API function is for, and the least table access it needs. */
export const apiFunctions: Readonly<
  Record<ApiFunctionName, { readonly description: string; readonly access: TableAccess }>
> = {
  meta: { description: "好商量 API: health and the OpenAPI document", access: "read" },
  stations: {
    description: "好商量 API: stations and rooms, assignments, member suggestions",
    access: "readWrite",
  },
  members: { description: "好商量 API: the register of members", access: "readWrite" },
  topics: {
    description: "好商量 API: topics through the six-step loop, notifications, calendars",
    access: "readWrite",
  },
};

/** `stations` → `StationsFunction`: the construct id of an API function. */
export function apiFunctionId(name: ApiFunctionName): string {
  return `${name[0]?.toUpperCase() ?? ""}${name.slice(1)}Function`;
}

/** The stack's name for a county: `Haoshangliang-<slug>`. */
export function stackNameFor(settings: CountySettings): string {
  return `Haoshangliang-${settings.countySlug}`;
}

export class HaoshangliangStack extends Stack {
  readonly table: AppTable;
  readonly apiFunctions: Readonly<Record<ApiFunctionName, TableFunction>>;
  readonly auth: StaffAuth;
  readonly api: StaffApi;

  constructor(scope: Construct, id: string, props: HaoshangliangStackProps) {
    const { settings, ...stackProps } = props;
    super(scope, id, {
      description: `好商量 consultation platform for ${settings.countySlug}`,
      ...stackProps,
    });
    Tags.of(this).add("app", "haoshangliang");
    Tags.of(this).add("county", settings.countySlug);

    this.table = new AppTable(this, "Data");

    const servedFunctions = new Set<ApiFunctionName>(routes.map((route) => route.function));
    const functions = {} as Record<ApiFunctionName, TableFunction>;
    for (const name of servedFunctions) {
      const fn = new TableFunction(this, apiFunctionId(name), {
        entry: `functions/${name}.ts`,
        description: apiFunctions[name].description,
        environment: functionEnvironment(settings),
        logRetention: settings.logRetention,
      });
      fn.bindTable({ table: this.table, access: apiFunctions[name].access });
      functions[name] = fn;
    }
    this.apiFunctions = functions;

    this.auth = new StaffAuth(this, "Auth", {
      mfa: settings.mfa,
      language: settings.defaultLanguage,
    });

    this.api = new StaffApi(this, "Api", {
      handlers: this.apiFunctions,
      jwtIssuer: this.auth.issuerUrl,
      jwtAudience: [this.auth.client.userPoolClientId],
      allowedOrigins: settings.allowedOrigins,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      logRetention: settings.logRetention,
    });

    new CfnOutput(this, "ApiUrl", { value: this.api.url, description: "Base URL of the staff API" });
    new CfnOutput(this, "UserPoolId", { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, "JwtIssuer", { value: this.auth.issuerUrl });
    new CfnOutput(this, "TableName", { value: this.table.table.tableName });
  }
}
