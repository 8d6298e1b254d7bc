/**
 * The staff API under the county's own name (decision 0025): a regional API Gateway custom domain
 * with its ACM certificate (of the stack's region), mapped to the API's default stage. In an AWS China
 * region the name needs an ICP filing first (README, "ICP filing"); the county then points a CNAME
 * from the name to the `ApiDomainTarget` output.
 */
import { CfnOutput, Stack } from "aws-cdk-lib";
import { ApiMapping, DomainName, EndpointType, SecurityPolicy } from "aws-cdk-lib/aws-apigatewayv2";
import { Certificate } from "aws-cdk-lib/aws-certificatemanager";
import { Construct } from "constructs";
import type { ApiDomainSettings } from "../api-domain-settings";
import type { StaffApi } from "./staff-api";

export class ApiDomain extends Construct {
  readonly domainName: DomainName;

  constructor(scope: Construct, id: string, props: { api: StaffApi; domain: ApiDomainSettings }) {
    super(scope, id);
    const { api, domain } = props;
    this.domainName = new DomainName(this, "DomainName", {
      domainName: domain.name,
      certificate: Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn),
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new ApiMapping(this, "Mapping", { api: api.httpApi, domainName: this.domainName, stage: api.stage });
    const stack = Stack.of(this);
    new CfnOutput(stack, "ApiDomainTarget", {
      value: this.domainName.regionalDomainName,
      description: `The CNAME target for ${domain.name}`,
    });
    new CfnOutput(stack, "ApiCustomUrl", { value: `https://${domain.name}/` });
  }
}
