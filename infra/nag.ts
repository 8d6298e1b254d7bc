/**
 * cdk-nag, v3 style: the AwsSolutions rule pack runs as a CDK policy-validation plugin during
 * synthesis (cdk-nag 3 replaced the v2 Aspect and NagSuppressions with CDK's own Validations API).
 * An unacknowledged error fails `cdk synth`; acknowledgements live next to the resource they concern
 * (`Validations.of(construct).acknowledge({ id, reason })`), each with its reason.
 */
import { type App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";

export function addNagChecks(app: App): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}
