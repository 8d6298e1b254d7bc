/**
 * Whether the stack hosts the 工作台 console (S3 and CloudFront, infra/constructs/console-site.ts).
 * On by default in the global regions; off by default in the China regions, where CloudFront serves
 * nothing on its default `*.cloudfront.cn` name without an ICP-filed alternate domain and an IAM
 * server certificate, which this stack does not manage (decision 0023, addendum).
 */
import { isChinaRegion } from "./regions";
import { SettingsError } from "./settings-error";

/** `console` as given (undefined when not), checked against the stack's region. */
export function resolveConsole(value: boolean | undefined, region: string | undefined): boolean {
  if (value === undefined) return !isChinaRegion(region);
  if (value && isChinaRegion(region)) {
    throw new SettingsError(
      `console=true: CloudFront in the AWS China regions (${region}) serves only on an ICP-filed alternate ` +
        "domain with an IAM server certificate, which this stack does not set up: leave console off " +
        "(-c console=false) and host infra/console/dist on the county's filed domain (see README, Deploying to AWS)",
    );
  }
  return value;
}

/** The context value of `console`: true/false (a boolean from cdk.json, a string from -c). */
export function consoleFromContext(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new SettingsError(`context console must be true or false, not ${String(value)}`);
}
