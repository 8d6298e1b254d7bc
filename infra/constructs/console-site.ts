/**
 * The 工作台 console on AWS (issue #13, decision 0023's addendum): its static files in a private S3
 * bucket, served by CloudFront through origin access control over HTTPS only, with a `config.json`
 * written at deploy time that names the stack's API and sign-in. Global regions only: CloudFront in
 * the China regions serves no default domain (see infra/console-settings.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Duration, Stack, Validations } from "aws-cdk-lib";
import {
  Distribution,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { Policy } from "aws-cdk-lib/aws-iam";
import { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, CacheControl, type ISource, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct, type IConstruct } from "constructs";
import type { TokenUse } from "../identity-settings";
import { nagResource } from "../nag";
import { fromRoot } from "../paths";
import { functionArchitecture } from "./table-function";

/** What the console's `config.json` says about sign-in (infra/console/src/config.ts reads it). */
export interface ConsoleIdentity {
  /** The OIDC issuer (authority): the user pool's or the county's provider. */
  readonly issuer: string;
  /** The client id the console signs in as (the API's audience). */
  readonly clientId: string;
  readonly tokenUse: TokenUse;
  /** Where sign-out ends the provider's session when its discovery names no end_session_endpoint (Cognito). */
  readonly signOutUrl?: string;
}

export interface ConsoleSiteProps {
  /** The built console (`npm run console:build`); @default infra/console/dist */
  readonly distDirectory?: string;
}

/** What the deployed `config.json` names: known only once the API and the sign-in exist. */
export interface ConsoleConfig {
  /** The API's base URL, as the stack outputs it. */
  readonly apiUrl: string;
  readonly identity: ConsoleIdentity;
  /** Retention of the upload function's log group; @default one month */
  readonly logRetention?: RetentionDays;
}

/** The folder `npm run console:build` writes. */
export const consoleDistDirectory = fromRoot("infra/console/dist");

/** Context key naming another build folder (the infra tests' fixture, so that they need no build). */
export const consoleDistContextKey = "haoshangliang:consoleDist";

export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The console's address: `https://<distribution domain>` (a token until deployed). */
  readonly url: string;
  readonly #distDirectory: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps = {}) {
    super(scope, id);
    this.bucket = new Bucket(this, "Files", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });
    this.distribution = new Distribution(this, "Distribution", {
      comment: `好商量 console (${Stack.of(this).stackName})`,
      defaultRootObject: "index.html",
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    const fromContext: unknown = this.node.tryGetContext(consoleDistContextKey);
    this.#distDirectory =
      props.distDirectory ?? (typeof fromContext === "string" ? fromContext : consoleDistDirectory);
    acknowledge(this);
  }

  /**
   * Uploads the build and its `config.json`. Separate from the constructor: the API's CORS names the
   * distribution, and the config names the API.
   *
   * Two uploads, as the local gateway serves them (infra/local/gateway/static-files.ts): the hashed
   * chunks in `assets/` cached for good and never pruned, so that a tab opened before a deploy still
   * finds the page chunks of the build it started with; then index.html and config.json, revalidated
   * on every load, so that a deploy shows at once.
   */
  deploy(config: ConsoleConfig): BucketDeployment {
    const logGroup = new LogGroup(this, "DeployLogs", {
      retention: config.logRetention ?? RetentionDays.ONE_MONTH,
    });
    const assets = this.#deployAssets(logGroup);
    const deployment = new BucketDeployment(this, "Deploy", {
      destinationBucket: this.bucket,
      // Invalidates the distribution (all paths), so a redeploy's index.html and config.json are served at once.
      distribution: this.distribution,
      sources: [consoleFiles(this, this.#distDirectory), configJson(config)],
      cacheControl: [CacheControl.noCache()],
      // The assets upload's files: neither uploaded again nor pruned by this one.
      exclude: ["assets/*"],
      memoryLimit: 256,
      logGroup,
    });
    // index.html names the chunks: it goes up only once they are there.
    if (assets) deployment.node.addDependency(assets);
    // The copying function (a stack-wide singleton, AWS CLI in Python) runs on the stack's architecture too.
    for (const handler of bucketDeploymentHandlers(Stack.of(this))) {
      const resource = handler.node.defaultChild;
      if (resource instanceof CfnFunction) {
        resource.addPropertyOverride("Architectures", [functionArchitecture(this).name]);
      }
      acknowledgeCopier(handler);
    }
    return deployment;
  }

  /** The build's content-hashed `assets/`, when there is a build (the placeholder page has none). */
  #deployAssets(logGroup: LogGroup): BucketDeployment | undefined {
    const directory = join(this.#distDirectory, "assets");
    if (!existsSync(directory)) return undefined;
    return new BucketDeployment(this, "DeployAssets", {
      destinationBucket: this.bucket,
      destinationKeyPrefix: "assets/",
      sources: [Source.asset(directory)],
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.days(365)),
        CacheControl.immutable(),
      ],
      prune: false,
      memoryLimit: 256,
      logGroup,
    });
  }
}

/**
 * The built console; a placeholder page when the stack is synthesized without bundling (the tests),
 * so that synthesis needs no build. A real synthesis without a build stops with what to run.
 */
function consoleFiles(scope: Construct, directory: string): ISource {
  // The build's own config.json is the local one (`{"kind": "local"}`); the deployed one is generated.
  if (existsSync(join(directory, "index.html"))) {
    return Source.asset(directory, { exclude: ["config.json", "assets"] });
  }
  if (!Stack.of(scope).bundlingRequired) {
    return Source.data("index.html", "<!doctype html><title>好商量</title><p>console placeholder</p>");
  }
  throw new Error(
    `the console is on but ${directory} has no build: run \`npm run console:build\` first ` +
      "(or deploy without it: -c console=false)",
  );
}

/** `config.json` beside index.html: the API's base URL and the OIDC settings (infra/console/src/config.ts). */
function configJson(props: ConsoleConfig): ISource {
  return Source.jsonData("config.json", {
    apiBase: props.apiUrl,
    identity: {
      kind: "oidc",
      authority: props.identity.issuer,
      clientId: props.identity.clientId,
      tokenUse: props.identity.tokenUse,
      ...(props.identity.signOutUrl ? { signOutUrl: props.identity.signOutUrl } : {}),
    },
  });
}

/** The functions of the stack's BucketDeployment singletons (one per memory size). */
function bucketDeploymentHandlers(stack: Stack): IConstruct[] {
  return stack.node.children.filter((child) => child.node.id.startsWith("Custom::CDKBucketDeployment"));
}

/** aws-cdk-lib's own copying function: its runtime, role and grants are the library's, not ours. */
function acknowledgeCopier(handler: IConstruct): void {
  const copier = Validations.of(handler);
  copier.acknowledge({
    id: "AwsSolutions-L1",
    reason:
      "aws-cdk-lib's BucketDeployment handler: its Python runtime is chosen by the library and moves with it.",
  });
  copier.acknowledge({
    id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    reason:
      "BucketDeployment's handler writes its logs through the basic execution role the library attaches.",
  });
  for (const wildcard of policyWildcards(handler)) {
    copier.acknowledge({
      id: `AwsSolutions-IAM5[${wildcard}]`,
      reason:
        "BucketDeployment's own grants: read the deploy assets, write and prune the console's bucket " +
        "(`<bucket>/*`, s3:List*, s3:DeleteObject*), invalidate the console's distribution.",
    });
  }
}

/** The wildcard actions and resources of a function's role's default policy, as cdk-nag names them. */
function policyWildcards(handler: IConstruct): string[] {
  const policy = handler.node.tryFindChild("ServiceRole")?.node.tryFindChild("DefaultPolicy");
  if (!(policy instanceof Policy)) return [];
  const stack = Stack.of(handler);
  const statements = stack.resolve(policy.document.toJSON()).Statement as Record<string, unknown>[];
  const found = statements.flatMap((statement) => [
    ...[statement.Action ?? []].flat().map((action) => `Action::${String(action)}`),
    ...[statement.Resource ?? []].flat().map((resource) => `Resource::${nagResource(stack, resource)}`),
  ]);
  return [...new Set(found.filter((entry) => entry.includes("*")))];
}

/** cdk-nag findings that do not apply to public static files, each with its reason. */
function acknowledge(site: ConsoleSite): void {
  Validations.of(site.bucket).acknowledge({
    id: "AwsSolutions-S1",
    reason:
      "The console's bucket holds only the public build of the static console, rewritten on every deploy; " +
      "every read goes through CloudFront, and the API's access logs record every data request.",
  });
  const distribution = Validations.of(site.distribution);
  distribution.acknowledge({
    id: "AwsSolutions-CFR1",
    reason:
      "No geo restriction: members open the console from anywhere (travel, roaming phones); it holds no data, " +
      "only the static code that calls the authenticated API.",
  });
  distribution.acknowledge({
    id: "AwsSolutions-CFR2",
    reason:
      "No WAF on static files that carry no data; the API behind them has its own throttling and a JWT authorizer.",
  });
  distribution.acknowledge({
    id: "AwsSolutions-CFR3",
    reason:
      "No CloudFront access logs for public static files; the API's access logs record every data request.",
  });
  distribution.acknowledge({
    id: "AwsSolutions-CFR4",
    reason:
      "The default *.cloudfront.net certificate fixes the minimum viewer TLS version; a county that needs " +
      "TLS 1.2 minimum puts the console under its own domain and certificate.",
  });
}
