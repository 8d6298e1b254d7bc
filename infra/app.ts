/**
 * The CDK app: one stack per county, parameterized by context, e.g.
 *   npx cdk synth -c county=某县 -c countySlug=mouxian -c region=cn-northwest-1 -c identity=oidc ...
 * The stack is built for the `region` setting (its partition's ARNs, its services), else for the
 * CLI's default region, else environment-agnostic.
 * Runs under the CDK CLI (`cdk.json` → `npx tsx infra/app.ts`) or on its own (`npx tsx infra/app.ts`).
 */
import { App } from "aws-cdk-lib";
import { addNagChecks } from "./nag";
import { cdkJsonContext, fromRoot } from "./paths";
import { settingsFromContext } from "./settings";
import { HaoshangliangStack, stackNameFor } from "./stack";

// cdk.json's context is the base; the CLI's context (cdk.json again, plus -c flags) overrides it.
// Under the CLI the assembly goes where the CLI says (CDK_OUTDIR); on its own, to ./cdk.out.
const standalone = !process.env.CDK_OUTDIR;
const app = new App({ context: cdkJsonContext(), ...(standalone ? { outdir: fromRoot("cdk.out") } : {}) });
const settings = settingsFromContext(app.node, process.env.CDK_DEFAULT_REGION);
const stackName = stackNameFor(settings);

new HaoshangliangStack(app, stackName, {
  stackName,
  settings,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
});
addNagChecks(app);

const assembly = app.synth();
if (standalone) console.log(`synthesized ${stackName} into ${assembly.directory}`);
