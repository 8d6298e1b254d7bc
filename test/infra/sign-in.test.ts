/**
 * Sign-in as a setting (decision 0024): the stack's Cognito user pool, or the county's OIDC provider
 * with no user pool at all (China regions have none); the JWT authorizer trusts the one configured,
 * and the API functions are told the audience and token use they check again.
 */
import { App } from "aws-cdk-lib";
import { afterAll, describe, expect, it } from "vitest";
import { resolveIdentity } from "../../infra/identity-settings";
import { SettingsError, settingsFromContext } from "../../infra/settings";
import { onlyLogicalId, removeAssemblies, synthesize } from "./synth";

afterAll(removeAssemblies);

const oidc = {
  identity: "oidc",
  oidcIssuer: "https://sso.example.gov.cn/realms/county",
  oidcAudience: "hsl-console",
  tokenUse: "access",
  bootstrapAdmins: "office-admin-1",
};

function apiFunctionEnvironments(template: ReturnType<typeof synthesize>["template"]) {
  const functions = template.findResources("AWS::Lambda::Function");
  return Object.entries(functions)
    .filter(([id]) => /^(Stations|Members|Topics|Activities|QuotaChecks|Meta)Function/.test(id))
    .map(
      ([, resource]) =>
        (resource as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties
          .Environment.Variables,
    );
}

describe("identity=oidc", () => {
  const { template } = synthesize({
    bundle: false,
    context: oidc,
    settings: settingsFromContext(new App({ context: oidc }).node),
  });

  it("creates no Cognito user pool, client or group", () => {
    for (const type of [
      "AWS::Cognito::UserPool",
      "AWS::Cognito::UserPoolClient",
      "AWS::Cognito::UserPoolGroup",
    ])
      template.resourceCountIs(type, 0);
    expect(Object.keys(template.toJSON().Outputs ?? {})).not.toContain("UserPoolId");
  });

  it("has the JWT authorizer trust the configured issuer and audience", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      JwtConfiguration: { Issuer: oidc.oidcIssuer, Audience: [oidc.oidcAudience] },
    });
    template.hasOutput("JwtIssuer", { Value: oidc.oidcIssuer });
  });

  it("tells every API function the audience, the token use and the bootstrap admins", () => {
    const environments = apiFunctionEnvironments(template);
    expect(environments.length).toBeGreaterThan(0);
    for (const variables of environments)
      expect(variables).toMatchObject({
        IDENTITY_AUDIENCE: "hsl-console",
        IDENTITY_TOKEN_USE: "access",
        BOOTSTRAP_ADMINS: "office-admin-1",
      });
  });
});

describe("identity=cognito (the default)", () => {
  const { template } = synthesize({ bundle: false });

  it("keeps the user pool, and the functions check ID tokens for its client", () => {
    template.resourceCountIs("AWS::Cognito::UserPool", 1);
    const clientId = onlyLogicalId(template, "AWS::Cognito::UserPoolClient");
    for (const variables of apiFunctionEnvironments(template))
      expect(variables).toMatchObject({ IDENTITY_AUDIENCE: { Ref: clientId }, IDENTITY_TOKEN_USE: "id" });
  });
});

describe("identity settings", () => {
  it.each([
    [{ identity: "saml" }, /identity must be cognito or oidc/],
    [{ identity: "oidc", oidcAudience: ["a"] }, /needs oidcIssuer/],
    [{ identity: "oidc", oidcIssuer: "https://sso.example.gov.cn" }, /needs oidcAudience/],
    [{ identity: "oidc", oidcIssuer: "sso.example.gov.cn", oidcAudience: ["a"] }, /oidcIssuer must be a URL/],
    [{ identity: "oidc", oidcIssuer: "http://sso.example.gov.cn", oidcAudience: ["a"] }, /must use https/],
    [{ tokenUse: "refresh" }, /tokenUse must be id or access/],
    [{ oidcIssuer: "https://sso.example.gov.cn" }, /only with identity=oidc/],
    [{ bootstrapAdmins: ["has space"] }, /not a token subject/],
  ])("refuses %j with a clear error", (context, message) => {
    expect(() => resolveIdentity(context)).toThrow(SettingsError);
    expect(() => resolveIdentity(context)).toThrow(message);
  });

  it("reads lists from -c as comma-separated text", () => {
    const settings = settingsFromContext(new App({ context: { ...oidc, oidcAudience: "a, b" } }).node);
    expect(settings.identity).toEqual({
      provider: "oidc",
      issuer: oidc.oidcIssuer,
      audiences: ["a", "b"],
      tokenUse: "access",
      bootstrapAdmins: ["office-admin-1"],
    });
  });
});
