/**
 * The `config.json` the stack writes beside the hosted console (infra/constructs/console-site.ts) is
 * the shape the console reads at start (infra/console/src/config.ts), token use included.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/console/src/config-shape";

const deployed = {
  apiBase: "https://abc123.execute-api.ap-east-1.amazonaws.com/",
  identity: {
    kind: "oidc",
    authority: "https://sso.example.gov.cn/realms/county",
    clientId: "hsl-console",
    tokenUse: "access",
  },
};

describe("the hosted console's config.json", () => {
  it("reads the API's base URL and the OIDC settings the stack writes", () => {
    expect(parseConfig(deployed)).toEqual({
      apiBase: "https://abc123.execute-api.ap-east-1.amazonaws.com",
      identity: {
        kind: "oidc",
        authority: "https://sso.example.gov.cn/realms/county",
        clientId: "hsl-console",
        tokenUse: "access",
      },
    });
  });

  it("sends the ID token unless the config names another token", () => {
    const idOnly = parseConfig({ ...deployed, identity: { ...deployed.identity, tokenUse: "refresh" } });
    expect(idOnly.identity).not.toHaveProperty("tokenUse");
  });

  it("keeps Cognito's sign-out address, and only an https one", () => {
    const signOutUrl =
      "https://hsl-x.auth.ap-east-1.amazoncognito.com/logout?client_id=c&logout_uri=https://d.cloudfront.net/";
    expect(
      parseConfig({ ...deployed, identity: { ...deployed.identity, signOutUrl } }).identity,
    ).toMatchObject({
      signOutUrl,
    });
    const plain = parseConfig({
      ...deployed,
      identity: { ...deployed.identity, signOutUrl: "javascript:alert(1)" },
    });
    expect(plain.identity).not.toHaveProperty("signOutUrl");
  });
});
