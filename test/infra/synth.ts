/**
 * Builds the stack the way infra/app.ts does (cdk.json's feature flags, the county's settings), for
 * template assertions. Bundling runs esbuild for real unless `bundle: false`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { consoleDistContextKey } from "../../infra/constructs/console-site";
import { addNagChecks } from "../../infra/nag";
import { cdkJsonContext, fromRoot } from "../../infra/paths";
import { type CountySettings, resolveSettings } from "../../infra/settings";
import { HaoshangliangStack, stackNameFor } from "../../infra/stack";

export interface Synthesized {
  readonly app: App;
  readonly stack: HaoshangliangStack;
  readonly template: Template;
  readonly assembly: CloudAssembly;
}

export interface SynthOptions {
  readonly settings?: Partial<CountySettings>;
  /** Run esbuild (slow, a few seconds); when false the function's code is a placeholder. */
  readonly bundle?: boolean;
  /** The stack's region (and a placeholder account), else the settings'; environment-agnostic when neither. */
  readonly region?: string;
  /** Context over cdk.json's. */
  readonly context?: Record<string, unknown>;
  /** Run cdk-nag's AwsSolutions checks at synthesis, as infra/app.ts does (an unacknowledged error throws). */
  readonly nag?: boolean;
}

const outdirs: string[] = [];

export function newApp(bundle: boolean, overrides: Record<string, unknown> = {}): App {
  // A stand-in for the console's build, so that no test needs `npm run console:build` first.
  const context: Record<string, unknown> = {
    ...cdkJsonContext(),
    [consoleDistContextKey]: fromRoot("test/infra/fixtures/console-dist"),
    ...overrides,
  };
  // An empty list of stacks to bundle makes NodejsFunction skip esbuild.
  if (!bundle) context["aws:cdk:bundling-stacks"] = [];
  const outdir = mkdtempSync(join(tmpdir(), "haoshangliang-cdk-"));
  outdirs.push(outdir);
  return new App({ context, outdir });
}

/** Deletes the cloud assemblies this module's apps wrote (call from afterAll). */
export function removeAssemblies(): void {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
}

export function synthesize(options: SynthOptions = {}): Synthesized {
  const app = newApp(options.bundle ?? true, options.context);
  // The region as app.ts gives it: in the settings (checked there) and the stack's environment.
  const region = options.region ?? options.settings?.region;
  const settings = resolveSettings({ ...options.settings, ...(region ? { region } : {}) });
  const stack = new HaoshangliangStack(app, stackNameFor(settings), {
    stackName: stackNameFor(settings),
    settings,
    ...(region ? { env: { account: "123456789012", region } } : {}),
  });
  if (options.nag) addNagChecks(app);
  const assembly = app.synth();
  return { app, stack, template: Template.fromStack(stack), assembly };
}

/** The logical ids of a type's resources, e.g. to follow a `Ref` to them. */
export function logicalIds(template: Template, type: string, props?: object): string[] {
  return Object.keys(template.findResources(type, props ? { Properties: props } : undefined));
}

/** The one logical id of a type's resource; fails the test when there is not exactly one. */
export function onlyLogicalId(template: Template, type: string, props?: object): string {
  const ids = logicalIds(template, type, props);
  const [id] = ids;
  if (id === undefined || ids.length !== 1) {
    throw new Error(`expected one ${type}, found ${ids.length}: ${ids.join(", ")}`);
  }
  return id;
}
