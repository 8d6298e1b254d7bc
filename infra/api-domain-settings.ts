/**
 * The staff API's own name, optional (decision 0025): `-c apiDomainName=api.hsl.example.gov.cn
 * -c apiCertificateArn=arn:aws-cn:acm:cn-northwest-1:…:certificate/…`. The certificate must be in
 * ACM in the stack's region (a regional custom domain), and in China the name must be ICP-filed.
 */
import { RegionInfo } from "aws-cdk-lib/region-info";
import { SettingsError } from "./settings-error";

export interface ApiDomainSettings {
  /** A host name, e.g. `api.hsl.example.gov.cn`. */
  readonly name: string;
  /** The ACM certificate covering it, in the stack's region. */
  readonly certificateArn: string;
}

const hostName = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
const acmArn = /^arn:(aws|aws-cn):acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** The two keys as given (either may be missing; checkApiDomain says so). */
export function apiDomainFromContext(
  text: (key: string) => string | undefined,
): ApiDomainSettings | undefined {
  const name = text("apiDomainName")?.toLowerCase() ?? "";
  const certificateArn = text("apiCertificateArn") ?? "";
  return name || certificateArn ? { name, certificateArn } : undefined;
}

/** Both keys, each well-formed, the certificate in the stack's partition and region. */
export function checkApiDomain(domain: ApiDomainSettings, region: string | undefined): void {
  const { name, certificateArn } = domain;
  if (!name || !certificateArn) {
    throw new SettingsError(
      "apiDomainName and apiCertificateArn go together: the name and the ACM certificate that covers it",
    );
  }
  if (!hostName.test(name)) throw new SettingsError(`apiDomainName "${name}" is not a host name`);
  const match = acmArn.exec(certificateArn);
  if (!match) {
    throw new SettingsError(
      `apiCertificateArn "${certificateArn}" is not an ACM certificate ARN (arn:…:acm:<region>:<account>:certificate/<id>)`,
    );
  }
  const partition = region ? RegionInfo.get(region).partition : undefined;
  if (region && (match[2] !== region || match[1] !== partition)) {
    throw new SettingsError(
      `apiCertificateArn must be a certificate in ACM in the stack's region (arn:${partition}:acm:${region}:…): ` +
        "a regional custom domain takes no other",
    );
  }
}
