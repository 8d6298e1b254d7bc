/**
 * cdk-nag, v3 style: the AwsSolutions rule pack runs as a CDK policy-validation plugin during
 * synthesis (cdk-nag 3 replaced the v2 Aspect and NagSuppressions with CDK's own Validations API).
 * An unacknowledged error fails `cdk synth`; acknowledgements live next to the resource they concern
 * (`Validations.of(construct).acknowledge({ id, reason })`), each with its reason.
 */
import { type App, type Stack, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";

export function addNagChecks(app: App): AwsSolutionsChecks {
  const checks = new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true });
  Validations.of(app).addPlugins(checks);
  return checks;
}

/**
 * A resource as cdk-nag names it in a finding: `<AWS::Region>` for a pseudo parameter (a `Ref`, or
 * `${…}` in a `Fn::Sub`), `<Logical.Attr>` for a `Fn::GetAtt`, text as it is.
 */
export function nagResource(stack: Stack, arn: unknown): string {
  const resolved: unknown = stack.resolve(arn);
  if (typeof resolved === "string") return resolved;
  const parts = (resolved as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"]?.[1] ?? [resolved];
  return parts.map(nagPart).join("");
}

function nagPart(part: unknown): string {
  if (typeof part === "string") return part;
  const {
    Ref,
    "Fn::GetAtt": getAtt,
    "Fn::Sub": sub,
  } = part as { Ref?: string; "Fn::GetAtt"?: [string, string]; "Fn::Sub"?: string };
  if (getAtt) return `<${getAtt[0]}.${getAtt[1]}>`;
  if (typeof sub === "string") return sub.replace(/\$\{([^}]+)\}/g, "<$1>");
  return `<${Ref}>`;
}
