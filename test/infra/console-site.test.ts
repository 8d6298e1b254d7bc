/**
 * The 工作台 console on AWS (issue #13, decision 0023's addendum): a private bucket behind CloudFront
 * with origin access control, HTTPS only, and a `config.json` naming the stack's API and sign-in.
 * Synthesized without bundling, so no console build is needed (a placeholder page stands in).
 */
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { App, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleSite, consoleDistContextKey } from "../../infra/constructs/console-site";
import { cognitoDomainPrefix } from "../../infra/constructs/staff-auth";
import { resolveSettings, SettingsError } from "../../infra/settings";
import { onlyLogicalId, removeAssemblies, type Synthesized, synthesize } from "./synth";

const SYNTH_TIMEOUT = 180_000;
const oidcIssuer = "https://sso.example.gov.cn/realms/county";

afterAll(removeAssemblies);

/**
 * The `config.json` the deployment uploads, read from the cloud assembly, with each deploy-time
 * value (a marker in the file) replaced by what CloudFormation will put there.
 */
function deployedConfig(synthesized: Synthesized): Record<string, unknown> {
  const { template, assembly } = synthesized;
  const deployment = Object.values(template.findResources("Custom::CDKBucketDeployment")).find(
    (resource) => resource.Properties.DistributionId !== undefined,
  );
  const entries = (deployment?.Properties.SourceMarkers ?? []) as Record<string, unknown>[];
  const markers: Record<string, unknown> = Object.assign({}, ...entries);
  const files = readdirSync(assembly.directory, { recursive: true, encoding: "utf8" });
  const paths = files.filter((file) => basename(file) === "config.json");
  // The fixture build's own config.json (the local one, as in a real build) is left out of the upload.
  expect(paths).toHaveLength(1);
  const [path] = paths;
  if (!path) throw new Error("no config.json in the cloud assembly");
  let text = readFileSync(join(assembly.directory, path), "utf8");
  for (const [marker, value] of Object.entries(markers))
    text = text.replaceAll(marker, JSON.stringify(value).replaceAll('"', "'"));
  return JSON.parse(text) as Record<string, unknown>;
}

describe("the console's hosting, with the county's OIDC provider", () => {
  let synthesized: Synthesized;
  let template: Template;

  beforeAll(() => {
    synthesized = synthesize({
      bundle: false,
      nag: true,
      settings: {
        identity: {
          provider: "oidc",
          issuer: oidcIssuer,
          audiences: ["hsl-console"],
          tokenUse: "id",
          bootstrapAdmins: [],
        },
      },
    });
    template = synthesized.template;
  }, SYNTH_TIMEOUT);

  it("keeps its files in a private, encrypted bucket that refuses plain HTTP", () => {
    const bucketId = onlyLogicalId(template, "AWS::S3::Bucket");
    template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.anyValue()] },
    });
    const policy = Object.values(template.findResources("AWS::S3::BucketPolicy"))[0];
    const statements = policy?.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    );
    // Only CloudFront reads, as this distribution (no `*` principal).
    const allows = statements.filter((statement) => statement.Effect === "Allow");
    expect(allows).toEqual([
      expect.objectContaining({ Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject" }),
    ]);
    expect(JSON.stringify(policy)).toContain(bucketId);
  });

  it("serves it through CloudFront with origin access control, index.html at the root, HTTP redirected to HTTPS", () => {
    template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: "index.html",
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: "redirect-to-https",
          // The managed SecurityHeadersPolicy: HSTS, nosniff, frame options, referrer policy.
          ResponseHeadersPolicyId: "67f7725c-6f97-4210-82d7-5512b31e9d03",
        }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
      }),
    });
  });

  it("writes config.json with the API's URL and the county's issuer, client id and token use", () => {
    const apiId = onlyLogicalId(template, "AWS::ApiGatewayV2::Api");
    expect(deployedConfig(synthesized)).toEqual({
      apiBase: `https://{'Ref':'${apiId}'}.execute-api.{'Ref':'AWS::Region'}.{'Ref':'AWS::URLSuffix'}/`,
      identity: { kind: "oidc", authority: oidcIssuer, clientId: "hsl-console", tokenUse: "id" },
    });
  });

  it("uploads the hashed chunks cached for good and kept across deploys, then index.html revalidated", () => {
    const deployments = template.findResources("Custom::CDKBucketDeployment");
    const [assetsId, assets] =
      Object.entries(deployments).find(([, d]) => d.Properties.DestinationBucketKeyPrefix === "assets/") ??
      [];
    expect(assets?.Properties).toMatchObject({
      SystemMetadata: { "cache-control": "public, max-age=31536000, immutable" },
      // A tab opened before a deploy still fetches the page chunks of its own build.
      Prune: false,
    });
    expect(assets?.Properties.DistributionId).toBeUndefined();
    const [, pages] = Object.entries(deployments).find(([id]) => id !== assetsId) ?? [];
    expect(pages?.Properties).toMatchObject({
      SystemMetadata: { "cache-control": "no-cache" },
      Exclude: ["assets/*"],
      DistributionId: expect.anything(),
    });
    expect(pages?.Properties.Prune).not.toBe(false);
    // index.html names the chunks: it goes up after them.
    expect(pages?.DependsOn).toEqual(expect.arrayContaining([assetsId]));
  });

  it("lets the console's origin call the API, and prints its address", () => {
    const distributionId = onlyLogicalId(template, "AWS::CloudFront::Distribution");
    template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [{ "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distributionId, "DomainName"] }]] }],
      }),
    });
    template.hasOutput("ConsoleUrl", {
      Value: { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distributionId, "DomainName"] }]] },
    });
  });

  it("passes cdk-nag with no error or warning", () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(synthesized.stack);
    expect(report.violations.filter((violation) => violation.severity !== "informational")).toEqual([]);
  });
});

describe("the console's hosting, with the stack's Cognito user pool", () => {
  let synthesized: Synthesized;
  let template: Template;

  beforeAll(() => {
    synthesized = synthesize({ bundle: false, nag: true, settings: { countySlug: "mouxian" } });
    template = synthesized.template;
  }, SYNTH_TIMEOUT);

  const consoleUrl = () => {
    const distributionId = onlyLogicalId(template, "AWS::CloudFront::Distribution");
    return { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [distributionId, "DomainName"] }, "/"]] };
  };

  it("gives the pool a hosted sign-in domain named after the county", () => {
    const poolId = onlyLogicalId(template, "AWS::Cognito::UserPool");
    template.hasResourceProperties("AWS::Cognito::UserPoolDomain", {
      UserPoolId: { Ref: poolId },
      Domain: Match.stringLikeRegexp("^hsl-mouxian-[0-9a-f]{8}$"),
    });
  });

  it("lets the client sign in only by the code flow, back to the console, with no secret", () => {
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "profile", "email"],
      CallbackURLs: [consoleUrl()],
      LogoutURLs: [consoleUrl()],
      SupportedIdentityProviders: ["COGNITO"],
    });
  });

  it("writes config.json with the pool's issuer, the client's id and the hosted UI's sign-out", () => {
    const poolId = onlyLogicalId(template, "AWS::Cognito::UserPool");
    const clientId = onlyLogicalId(template, "AWS::Cognito::UserPoolClient");
    const domainId = onlyLogicalId(template, "AWS::Cognito::UserPoolDomain");
    const distributionId = onlyLogicalId(template, "AWS::CloudFront::Distribution");
    const config = deployedConfig(synthesized);
    const hostedUi = `https://{'Ref':'${domainId}'}.auth.{'Ref':'AWS::Region'}.amazoncognito.com`;
    const console = `https://{'Fn::GetAtt':['${distributionId}','DomainName']}/`;
    expect(config.identity).toEqual({
      kind: "oidc",
      authority: `https://cognito-idp.{'Ref':'AWS::Region'}.{'Ref':'AWS::URLSuffix'}/{'Ref':'${poolId}'}`,
      clientId: `{'Ref':'${clientId}'}`,
      tokenUse: expect.any(String),
      // Cognito's discovery names no end_session_endpoint: its /logout, back to a logout URL of the client.
      signOutUrl: `${hostedUi}/logout?client_id={'Ref':'${clientId}'}&logout_uri=${console}`,
    });
  });

  it("passes cdk-nag with no error or warning", () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(synthesized.stack);
    expect(report.violations.filter((violation) => violation.severity !== "informational")).toEqual([]);
  });
});

describe("the hosted UI's domain prefix", () => {
  it("leaves out the words Cognito refuses and stays within 63 characters", () => {
    const stack = new Stack(new App(), "Haoshangliang-x");
    const prefix = cognitoDomainPrefix(stack, "amazon-awsville-cognito-county-with-a-very-long-name-x");
    expect(prefix).toMatch(/^hsl-[a-z0-9-]+-[0-9a-f]{8}$/);
    expect(prefix).not.toMatch(/aws|amazon|cognito/);
    expect(prefix.length).toBeLessThanOrEqual(63);
  });
});

describe("the console setting", () => {
  it("is on in global and environment-agnostic stacks, off by default in the China regions", () => {
    expect(resolveSettings({}).console).toBe(true);
    expect(resolveSettings({ region: "ap-east-1" }).console).toBe(true);
    const china = {
      region: "cn-northwest-1",
      identity: {
        provider: "oidc",
        issuer: oidcIssuer,
        audiences: ["c"],
        tokenUse: "id",
        bootstrapAdmins: [],
      },
    } as const;
    expect(resolveSettings(china).console).toBe(false);
    expect(() => resolveSettings({ ...china, console: true })).toThrow(SettingsError);
    expect(() => resolveSettings({ ...china, console: true })).toThrow(/ICP-filed alternate domain/);
  });

  it(
    "leaves an explicit allowedOrigins as given, and a stack without the console with none of it",
    () => {
      const { template } = synthesize({
        bundle: false,
        settings: { allowedOrigins: ["https://hsl.example.gov.cn"] },
      });
      template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
        CorsConfiguration: Match.objectLike({ AllowOrigins: ["https://hsl.example.gov.cn"] }),
      });
      const off = synthesize({ bundle: false, settings: { console: false } }).template;
      off.resourceCountIs("AWS::CloudFront::Distribution", 0);
      off.resourceCountIs("AWS::S3::Bucket", 0);
      expect(Object.keys(off.findOutputs("*"))).not.toContain("ConsoleUrl");
      off.hasResourceProperties("AWS::ApiGatewayV2::Api", {
        CorsConfiguration: Match.objectLike({ AllowOrigins: ["*"] }),
      });
    },
    SYNTH_TIMEOUT,
  );
});

describe("the console's build at synthesis", () => {
  const config = {
    apiUrl: "https://api.example.gov.cn/",
    identity: { issuer: oidcIssuer, clientId: "hsl-console", tokenUse: "id" },
  } as const;
  const missing = join(tmpdir(), "haoshangliang-no-console-build");

  it("stops a real synthesis without a build, saying what to run", () => {
    const stack = new Stack(new App({ context: { [consoleDistContextKey]: missing } }), "Real");
    expect(() => new ConsoleSite(stack, "Console").deploy(config)).toThrow(/npm run console:build/);
  });

  it("stands in a placeholder page when bundling is off, so tests need no build", () => {
    const app = new App({ context: { [consoleDistContextKey]: missing, "aws:cdk:bundling-stacks": [] } });
    const stack = new Stack(app, "Test");
    new ConsoleSite(stack, "Console").deploy(config);
    Template.fromStack(stack).resourceCountIs("Custom::CDKBucketDeployment", 1);
  });
});
