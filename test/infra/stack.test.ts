/**
 * Template assertions on one county's stack: targeted properties, never a whole-template snapshot.
 * The stack is synthesized once, with real esbuild bundling.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Match, type Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNames, roles } from "../../functions/kernel/http/claims";
import { type ApiFunctionName, routeKeyOf, routes } from "../../functions/kernel/http/routes";
import { countySchedules } from "../../functions/kernel/schedules";
import { tableSchema } from "../../functions/kernel/table/table-schema";
import { allOperations } from "../../functions/meta/all-operations";
import { metaOperations } from "../../functions/meta/operations";
import { apiFunctionId, apiFunctions } from "../../infra/stack";
import { logicalIds, onlyLogicalId, removeAssemblies, type Synthesized, synthesize } from "./synth";

const SYNTH_TIMEOUT = 120_000;

let synthesized: Synthesized;
let template: Template;

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.template;
}, SYNTH_TIMEOUT);

afterAll(removeAssemblies);

const keySchema = (key: { readonly partitionKey: { name: string }; readonly sortKey: { name: string } }) => [
  { AttributeName: key.partitionKey.name, KeyType: "HASH" },
  { AttributeName: key.sortKey.name, KeyType: "RANGE" },
];

function record(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

const functionNames = [...new Set(routes.map((route) => route.function))];

/** The logical id of an API function in the template (the construct id plus CDK's hash). */
function functionLogicalId(name: ApiFunctionName): string {
  const id = logicalIds(template, "AWS::Lambda::Function").filter((logicalId) =>
    logicalId.startsWith(apiFunctionId(name)),
  );
  if (id.length !== 1 || !id[0]) throw new Error(`expected one function ${name}, found ${id.join(", ")}`);
  return id[0];
}

describe("the table", () => {
  it("is the only table, on demand, with point-in-time recovery and deletion protection", () => {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it("is retained when the stack is deleted or the table replaced", () => {
    template.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });

  it("has exactly the keys, indexes and TTL attribute of tableSchema", () => {
    const definitions = new Map<string, string>();
    for (const key of [
      tableSchema.partitionKey,
      tableSchema.sortKey,
      ...tableSchema.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ]) {
      definitions.set(key.name, key.type);
    }
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: keySchema(tableSchema),
      AttributeDefinitions: Match.arrayEquals(
        [...definitions].map(([name, type]) => ({ AttributeName: name, AttributeType: type })),
      ),
      GlobalSecondaryIndexes: tableSchema.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index),
        Projection: { ProjectionType: "ALL" },
      })),
      TimeToLiveSpecification: { AttributeName: tableSchema.timeToLiveAttribute, Enabled: true },
    });
  });
});

describe.each(functionNames)("the API function %s", (name) => {
  it("runs Node.js 22 on arm64 with the county's configuration and the table's name", () => {
    const tableId = onlyLogicalId(template, "AWS::DynamoDB::Table");
    const fn = record(template.toJSON().Resources[functionLogicalId(name)]);
    expect(fn.Properties).toMatchObject({
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: tableId },
          COUNTY_NAME: "demo-county",
          COUNTY_TIME_ZONE: "Asia/Shanghai",
          DEFAULT_LANGUAGE: "zh-CN",
        },
      },
    });
    expect(record(fn.Properties).TracingConfig).toBeUndefined();
  });

  it("logs to its own log group, which has a retention", () => {
    const fn = record(template.toJSON().Resources[functionLogicalId(name)]);
    const loggingConfig = record(record(fn.Properties).LoggingConfig);
    const logGroupId = record(loggingConfig.LogGroup).Ref;
    expect(typeof logGroupId).toBe("string");
    const logGroup = record(template.toJSON().Resources[String(logGroupId)]);
    expect(record(logGroup.Properties).RetentionInDays).toBe(30);
  });

  it("sets a retention on every log group, access logs included", () => {
    const groups = template.findResources("AWS::Logs::LogGroup");
    expect(Object.keys(groups).length).toBeGreaterThanOrEqual(2);
    for (const group of Object.values(groups)) {
      expect(record(record(group).Properties).RetentionInDays).toBe(30);
    }
  });

  /** The function's bundle as the CDK built it (in the cloud assembly). */
  function bundlePath(): string {
    const fn = record(template.toJSON().Resources[functionLogicalId(name)]);
    const key = String(record(record(fn.Properties).Code).S3Key);
    return join(synthesized.assembly.directory, `asset.${key.replace(/\.zip$/, "")}`, "index.mjs");
  }

  it("is bundled by esbuild as one ESM file", () => {
    const bundle = bundlePath();
    expect(existsSync(bundle)).toBe(true);
    expect(readFileSync(bundle, "utf8")).toMatch(/^import \{ createRequire as topLevelCreateRequire \}/);
  });

  it("is plain JavaScript, the same bundle for arm64 and x86_64: no native addon beside or inside it", () => {
    const bundle = bundlePath();
    expect(readdirSync(dirname(bundle))).toEqual(["index.mjs"]);
    expect(readFileSync(bundle, "utf8")).not.toMatch(/\.node["'`]/);
  });

  it("resolves credentials from the environment only (docs/decisions/0010)", () => {
    const code = readFileSync(bundlePath(), "utf8");
    // Debug messages of the SDK's providers: fromEnv's stays, the default chain's are gone.
    expect(code).toContain("@aws-sdk/credential-provider-env - fromEnv");
    expect(code).not.toContain("defaultProvider::fromIni");
  });

  it("loads node:http with require, not an ESM import, which would load undici at init", () => {
    const code = readFileSync(bundlePath(), "utf8");
    expect(code).not.toMatch(/from\s*"node:http"|import\(\s*"node:http"\s*\)/);
    expect(code).toContain('("node:http")');
  });

  it("keeps Chinese text in UTF-8, as the bench measures it, not in \\u escapes (aws/aws-cdk#32649)", () => {
    const code = readFileSync(bundlePath(), "utf8");
    expect(code).toContain("未登录或登录已过期"); // the kernel's `unauthorized` message
    expect(code).not.toMatch(/\\u[4-9][0-9A-F]{3}/);
  });

  it("carries no operation's documentation, which only the OpenAPI generator reads", () => {
    const code = readFileSync(bundlePath(), "utf8");
    // The longest ASCII run of each summary, found whether or not the bundle escapes the rest.
    const summaries = [...metaOperations, ...allOperations].map(
      (operation) =>
        operation.summary
          .split(/[^\x20-\x7e]/)
          .sort((a, b) => b.length - a.length)[0]
          ?.trim() ?? "",
    );
    expect(summaries.filter((summary) => summary.length >= 12 && code.includes(summary))).toEqual([]);
  });
});

describe.each(functionNames)("the permissions of the API function %s", (name) => {
  function roleOfFunction(): string {
    const fn = record(template.toJSON().Resources[functionLogicalId(name)]);
    const role = record(record(fn.Properties).Role)["Fn::GetAtt"];
    if (!Array.isArray(role) || typeof role[0] !== "string") throw new Error("function role is not a GetAtt");
    return role[0];
  }

  function statementsOf(roleId: string): Record<string, unknown>[] {
    const policies = template.findResources("AWS::IAM::Policy", {
      Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) },
    });
    return Object.values(policies).flatMap((policy) =>
      asList(record(record(record(policy).Properties).PolicyDocument).Statement).map(record),
    );
  }

  it("uses no managed policies", () => {
    const role = record(template.toJSON().Resources[roleOfFunction()]);
    expect(record(role.Properties).ManagedPolicyArns).toBeUndefined();
  });

  it("has no wildcard resource and no wildcard action (but the loop's own executions, to describe one)", () => {
    const statements = statementsOf(roleOfFunction());
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      // The re-drive asks how a topic's execution ended (decision 0026): any execution of the one machine.
      if (JSON.stringify(statement.Action) === '"states:DescribeExecution"') {
        expect(JSON.stringify(statement.Resource)).toMatch(/:execution:[A-Za-z0-9-]+-topic-loop:\*"\]\]\}$/);
        continue;
      }
      // Also catches `*` inside an intrinsic, e.g. Fn::Join [tableArn, "/index/*"].
      for (const resource of asList(statement.Resource)) expect(JSON.stringify(resource)).not.toMatch(/\*/);
      for (const action of asList(statement.Action)) expect(String(action)).not.toMatch(/\*/);
    }
  });

  it("reaches DynamoDB only on the table and its named indexes, never with Scan", () => {
    const tableId = onlyLogicalId(template, "AWS::DynamoDB::Table");
    const tableArn = { "Fn::GetAtt": [tableId, "Arn"] };
    const indexArns = tableSchema.globalIndexes.map((index) => ({
      "Fn::Join": ["", [tableArn, `/index/${index.indexName}`]],
    }));
    const allowed = [tableArn, ...indexArns].map((arn) => JSON.stringify(arn));

    const dynamo = statementsOf(roleOfFunction()).filter((statement) =>
      asList(statement.Action).some((action) => String(action).startsWith("dynamodb:")),
    );
    const actions = new Set(dynamo.flatMap((statement) => asList(statement.Action).map(String)));
    const resources = new Set(
      dynamo.flatMap((statement) => asList(statement.Resource).map((r) => JSON.stringify(r))),
    );

    for (const statement of dynamo) {
      expect(statement.Effect).toBe("Allow");
      for (const action of asList(statement.Action)) expect(String(action)).toMatch(/^dynamodb:/);
    }
    expect([...resources].every((resource) => allowed.includes(resource))).toBe(true);
    expect([...resources].sort()).toEqual([...allowed].sort());
    for (const action of ["GetItem", "Query", "ConditionCheckItem"]) {
      expect(actions).toContain(`dynamodb:${action}`);
    }
    const writes = ["PutItem", "UpdateItem", "DeleteItem"].map((action) => `dynamodb:${action}`);
    for (const write of writes) {
      if (apiFunctions[name].access === "readWrite") expect(actions).toContain(write);
      else expect(actions).not.toContain(write);
    }
    expect(actions).not.toContain("dynamodb:Scan");
  });
});

describe("the user pool", () => {
  it("takes no sign-ups and enforces a strong password and TOTP", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "ON",
      EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
    template.hasResource("AWS::Cognito::UserPool", { DeletionPolicy: "Retain" });
  });

  it("has one group per role", () => {
    template.resourceCountIs("AWS::Cognito::UserPoolGroup", roles.length);
    for (const role of roles) {
      template.hasResourceProperties("AWS::Cognito::UserPoolGroup", { GroupName: role });
    }
  });

  it("has the custom attributes the API reads from the token, mutable strings", () => {
    for (const claim of [claimNames.stationIds, claimNames.memberId]) {
      template.hasResourceProperties("AWS::Cognito::UserPool", {
        Schema: Match.arrayWith([
          Match.objectLike({
            Name: claim.replace(/^custom:/, ""),
            AttributeDataType: "String",
            Mutable: true,
          }),
        ]),
      });
    }
  });

  it("lets the app read the custom attributes but never write them", () => {
    const clients = template.findResources("AWS::Cognito::UserPoolClient");
    expect(Object.keys(clients)).toHaveLength(1);
    const client = record(record(Object.values(clients)[0]).Properties);
    expect(client.ReadAttributes).toEqual(
      expect.arrayContaining([claimNames.stationIds, claimNames.memberId]),
    );
    expect(asList(client.WriteAttributes).map(String)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^custom:/)]),
    );
    expect(client.GenerateSecret).toBe(false);
  });
});

describe("the HTTP API", () => {
  it("has a JWT authorizer with the user pool as issuer and the app client as audience", () => {
    const poolId = onlyLogicalId(template, "AWS::Cognito::UserPool");
    const clientId = onlyLogicalId(template, "AWS::Cognito::UserPoolClient");
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: {
          "Fn::Join": [
            "",
            [
              "https://cognito-idp.",
              { Ref: "AWS::Region" },
              ".",
              { Ref: "AWS::URLSuffix" },
              "/",
              { Ref: poolId },
            ],
          ],
        },
      },
    });
  });

  it("has exactly the routes of routes.ts", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Route", routes.length);
    const keys = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map((route) =>
      String(record(record(route).Properties).RouteKey),
    );
    expect(keys.sort()).toEqual(routes.map(routeKeyOf).sort());
  });

  it.each(routes.map((route) => [routeKeyOf(route), route.auth] as const))(
    "%s is authorized as %s and served by the function its route names",
    (routeKey, auth) => {
      const route = routes.find((candidate) => routeKeyOf(candidate) === routeKey);
      if (!route) throw new Error(`no route ${routeKey}`);
      const authorizerId = onlyLogicalId(template, "AWS::ApiGatewayV2::Authorizer");
      const integrationId = onlyLogicalId(template, "AWS::ApiGatewayV2::Integration", {
        IntegrationUri: { "Fn::GetAtt": [functionLogicalId(route.function), "Arn"] },
      });
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
        RouteKey: routeKey,
        AuthorizationType: auth === "jwt" ? "JWT" : "NONE",
        AuthorizerId: auth === "jwt" ? { Ref: authorizerId } : Match.absent(),
        Target: { "Fn::Join": ["", ["integrations/", { Ref: integrationId }]] },
      });
    },
  );

  it("integrates each API function once, with one API-wide invoke permission each", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Integration", functionNames.length);
    template.resourceCountIs("AWS::Lambda::Permission", functionNames.length);
    for (const name of functionNames) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
        IntegrationType: "AWS_PROXY",
        PayloadFormatVersion: "2.0",
        IntegrationUri: { "Fn::GetAtt": [functionLogicalId(name), "Arn"] },
      });
    }
  });

  it("serves the default stage with throttling and JSON access logs", () => {
    const accessLogs = logicalIds(template, "AWS::Logs::LogGroup").filter((id) =>
      id.startsWith("ApiAccessLogs"),
    );
    expect(accessLogs).toHaveLength(1);
    template.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: {
        DestinationArn: { "Fn::GetAtt": [accessLogs[0], "Arn"] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });

  it("answers CORS preflights", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      ProtocolType: "HTTP",
      CorsConfiguration: Match.objectLike({
        // The hosted console's address: `allowedOrigins` is not set (issue #13).
        AllowOrigins: [
          {
            "Fn::Join": [
              "",
              ["https://", { "Fn::GetAtt": [Match.stringLikeRegexp("^ConsoleDistribution"), "DomainName"] }],
            ],
          },
        ],
        AllowHeaders: Match.arrayWith(["authorization", "content-type", "if-match"]),
      }),
    });
  });
});

describe("the outputs", () => {
  it.each(["ApiUrl", "UserPoolId", "UserPoolClientId", "TableName", "JwtIssuer", "ConsoleUrl"])(
    "include %s",
    (name) => {
      template.hasOutput(name, {});
    },
  );
});

describe("per-county parameters", () => {
  it(
    "name the stack after the county's slug and reach the functions",
    () => {
      const other = synthesize({
        bundle: false,
        settings: {
          county: "某县",
          countySlug: "sample-county",
          timeZone: "Asia/Urumqi",
          defaultLanguage: "en",
        },
      });
      expect(other.stack.stackName).toBe("Haoshangliang-sample-county");
      other.template.hasResourceProperties("AWS::Lambda::Function", {
        Environment: {
          Variables: Match.objectLike({
            COUNTY_NAME: "某县",
            COUNTY_TIME_ZONE: "Asia/Urumqi",
            DEFAULT_LANGUAGE: "en",
          }),
        },
      });
    },
    SYNTH_TIMEOUT,
  );
});

describe("the county's scheduled jobs", () => {
  it("has one EventBridge Scheduler schedule per job, at its time in the county's zone (and the notices' sweep)", () => {
    template.resourceCountIs(
      "AWS::Scheduler::Schedule",
      countySchedules.length + synthesized.stack.notices.specs.length,
    );
    for (const schedule of countySchedules) {
      template.hasResourceProperties("AWS::Scheduler::Schedule", {
        ScheduleExpression: `cron(${schedule.at.minute ?? "*"} ${schedule.at.hour ?? "*"} ${schedule.at.day ?? "*"} ${schedule.at.month ?? "*"} ? *)`,
        ScheduleExpressionTimezone: "Asia/Shanghai",
        State: "ENABLED",
        Target: Match.objectLike({
          Input: JSON.stringify({ job: schedule.job }),
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      });
    }
  });

  it("invokes the jobs' function with a role that may do nothing else", () => {
    const [schedule] = Object.values(template.findResources("AWS::Scheduler::Schedule")).filter((found) =>
      JSON.stringify(found).includes('\\"job\\"'),
    );
    const target = record(record(record(schedule).Properties).Target);
    const functionRef = JSON.stringify(target.Arn);
    const jobsFunction = logicalIds(template, "AWS::Lambda::Function").find((id) => functionRef.includes(id));
    expect(jobsFunction).toMatch(/^SchedulesFunction/);
    const roleId = JSON.stringify(target.RoleArn).match(/"(\w+)"/)?.[1] ?? "";
    const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
      JSON.stringify(record(policy).Properties).includes(`"${roleId}"`),
    );
    const statements = policies.flatMap((policy) =>
      asList(record(record(record(policy).Properties).PolicyDocument).Statement),
    );
    const actions = statements.flatMap((statement) => asList(record(statement).Action));
    expect(new Set(actions)).toEqual(new Set(["lambda:InvokeFunction", "sqs:SendMessage"]));
  });

  it("alarms when a job fails and when an invocation lands in the dead-letter queue", () => {
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "Errors",
      Dimensions: [{ Name: "FunctionName", Value: { Ref: Match.stringLikeRegexp("^SchedulesFunction") } }],
    });
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "ApproximateNumberOfMessagesVisible",
      Namespace: "AWS/SQS",
    });
  });
});

// The quarterly quota check (decision 0022).
describe("the quarterly quota check", () => {
  it("runs at 09:00 Asia/Shanghai on days 1–10 of each quarter's first month, with retries and a dead-letter queue", () => {
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "cron(0 9 1-10 1,4,7,10 ? *)",
      ScheduleExpressionTimezone: "Asia/Shanghai",
      State: "ENABLED",
      Description: Match.stringLikeRegexp("first working day"),
      Target: Match.objectLike({
        Input: JSON.stringify({ job: "quarterlyCheck" }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });

  it("gives the jobs' function the time a county-wide check takes", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Description: Match.stringLikeRegexp("quarterly quota check"),
      Timeout: 900,
    });
  });

  it("keeps a job that failed after Lambda's retries in the jobs' dead-letter queue, not dropped", () => {
    const configs = Object.values(template.findResources("AWS::Lambda::EventInvokeConfig")).map((config) =>
      record(record(config).Properties),
    );
    const jobs = configs.find((config) => JSON.stringify(config.FunctionName).includes("SchedulesFunction"));
    expect(jobs).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 });
    expect(JSON.stringify(jobs?.DestinationConfig)).toMatch(
      /"OnFailure":\{"Destination":\{"Fn::GetAtt":\["SchedulesDeadLetters\w*","Arn"\]/,
    );
  });

  it("lets only the jobs' function Scan the table (the daily notice-queue repair); the senders query", () => {
    const scanning = Object.values(template.findResources("AWS::IAM::Policy"))
      .map((policy) => record(record(policy).Properties))
      .filter((policy) => JSON.stringify(policy.PolicyDocument).includes('"dynamodb:Scan"'))
      .flatMap((policy) => asList(policy.Roles).map((role) => JSON.stringify(role)));
    expect(scanning).toHaveLength(1);
    expect(scanning[0]).toMatch(/SchedulesFunction/);
  });

  it("lets the quota-checks function hand a check asked for to the jobs' function, and no other function", () => {
    const checks = functionLogicalId("quota-checks");
    const fn = record(template.toJSON().Resources[checks]);
    const environment = record(record(record(fn.Properties).Environment).Variables);
    expect(JSON.stringify(environment.SCHEDULED_JOBS_FUNCTION)).toMatch(/"Ref":"SchedulesFunction/);
    const checksRole = JSON.stringify(record(fn.Properties).Role).match(/"(\w+Role\w*)"/)?.[1];
    const invokingRoles = Object.values(template.findResources("AWS::IAM::Policy"))
      .map((policy) => record(record(policy).Properties))
      .filter((policy) =>
        /"lambda:InvokeFunction".*"SchedulesFunction\w*","Arn"/.test(JSON.stringify(policy)),
      )
      .flatMap((policy) => asList(policy.Roles).map((role) => JSON.stringify(role)));
    // The schedules' own role (the scheduler's), and the quota-checks function's: no other.
    expect(invokingRoles).toHaveLength(2);
    expect(invokingRoles.filter((role) => role.includes(`"${checksRole}"`))).toHaveLength(1);
  });

  it("alarms when a check was due and did not complete that day", () => {
    const alarms = Object.values(template.findResources("AWS::CloudWatch::Alarm")).map((alarm) =>
      JSON.stringify(record(alarm).Properties),
    );
    const missed = alarms.find((alarm) => alarm.includes("QuotaCheckDue"));
    expect(missed).toBeDefined();
    expect(missed).toContain("QuotaCheckCompleted");
    expect(missed).toContain('"Period":86400');
    expect(missed).toContain('"TreatMissingData":"notBreaching"');
  });
});

/** A function's bundle as the CDK built it, by the start of its logical id. */
function bundledCode(logicalIdPrefix: string): string {
  const [id] = logicalIds(template, "AWS::Lambda::Function").filter((found) =>
    found.startsWith(logicalIdPrefix),
  );
  const fn = record(template.toJSON().Resources[id ?? ""]);
  const key = String(record(record(fn.Properties).Code).S3Key);
  return readFileSync(
    join(synthesized.assembly.directory, `asset.${key.replace(/\.zip$/, "")}`, "index.mjs"),
    "utf8",
  );
}

describe("the notice senders", () => {
  it("are one function per kind of provider, each fed by the table's stream with only its channels' queued notices", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      StreamSpecification: { StreamViewType: "NEW_IMAGE" },
    });
    const mappings = Object.values(template.findResources("AWS::Lambda::EventSourceMapping")).map((m) =>
      record(record(m).Properties),
    );
    const { specs } = synthesized.stack.notices;
    expect(mappings).toHaveLength(specs.length);
    for (const spec of specs) {
      const mapping = mappings.find((m) =>
        JSON.stringify(m.FunctionName).includes(`Notices${spec.id}Function`),
      );
      if (!mapping) throw new Error(`no stream mapping for the ${spec.id} sender`);
      const filters = (record(mapping.FilterCriteria).Filters as { Pattern: string }[]).map((f) =>
        JSON.parse(f.Pattern),
      );
      expect(filters).toEqual([
        {
          eventName: ["INSERT", "MODIFY"],
          dynamodb: {
            NewImage: {
              entity: { S: ["notification"] },
              status: { S: ["queued"] },
              channel: { S: [...spec.channels] },
            },
          },
        },
      ]);
      expect(mapping).toMatchObject({
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      });
      expect(JSON.stringify(record(mapping.DestinationConfig))).toMatch(/NoticesDeadLetters/);
    }
  });

  it("sweep every minute for what is due (a retry, quiet hours or the SMS rate ended), and alarm when notices are left untaken or a sender fails", () => {
    const sweeps = Object.values(template.findResources("AWS::Scheduler::Schedule")).filter((found) =>
      JSON.stringify(found).includes("rate(1 minute)"),
    );
    expect(sweeps).toHaveLength(synthesized.stack.notices.specs.length);
    for (const sweep of sweeps)
      expect(record(record(record(sweep).Properties).Target).Input).toBe(JSON.stringify({ sweep: true }));
    const alarms = logicalIds(template, "AWS::CloudWatch::Alarm");
    expect(alarms.some((id) => id.startsWith("NoticesNoticesNotTaken"))).toBe(true);
    for (const spec of synthesized.stack.notices.specs)
      expect(alarms.some((id) => id.startsWith(`Notices${spec.id}SenderFailed`))).toBe(true);
  });

  it("keep nodemailer out of the SMS sender's bundle", () => {
    expect(bundledCode("NoticesSmsFunction")).not.toMatch(/nodemailer/i);
    expect(bundledCode("NoticesEmailFunction")).toMatch(/nodemailer/i);
  });
});
