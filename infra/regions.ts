/**
 * Where a county's stack may be deployed (decision 0025): the AWS regions aws-cdk-lib knows in the
 * `aws` and `aws-cn` partitions (cdk.json's target partitions). What the China regions lack that a
 * setting could choose is refused where it is chosen: Cognito in identity-settings.ts, SES and SNS
 * in delivery.ts.
 */
import { RegionInfo } from "aws-cdk-lib/region-info";
import { SettingsError } from "./settings-error";

/** The partitions the stack is built and tested for (cdk.json `@aws-cdk/core:target-partitions`). */
export const targetPartitions = ["aws", "aws-cn"] as const;

/** `cn-north-1` (Beijing) and `cn-northwest-1` (Ningxia): the `aws-cn` partition. */
export const isChinaRegion = (region: string | undefined): boolean => region?.startsWith("cn-") === true;

/** The known regions of the target partitions, for messages. */
export function deployableRegions(): string[] {
  return RegionInfo.regions
    .filter((info) => (targetPartitions as readonly (string | undefined)[]).includes(info.partition))
    .map((info) => info.name)
    .sort();
}

/** The region as given, or a SettingsError naming the regions that would do. */
export function checkRegion(region: string): string {
  const info = RegionInfo.regions.find((known) => known.name === region);
  if (!info) {
    throw new SettingsError(
      `region "${region}" is not an AWS region aws-cdk-lib knows; use one of ${deployableRegions().join(", ")}`,
    );
  }
  if (!(targetPartitions as readonly (string | undefined)[]).includes(info.partition)) {
    throw new SettingsError(
      `region "${region}" is in the ${info.partition ?? "unknown"} partition; this stack is built and tested for ` +
        `${targetPartitions.join(" and ")} only (e.g. -c region=cn-northwest-1 or -c region=ap-east-1)`,
    );
  }
  return region;
}
