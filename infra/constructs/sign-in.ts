/**
 * The sign-in the stack's HTTP API trusts (decision 0024): with `identity=cognito` the stack's own
 * user pool (StaffAuth, at the stack's `Auth` path as before, so deployed pools are kept), with
 * `identity=oidc` the county's provider and no user pool at all (China regions have none). The API
 * functions learn the audience and token use they check again, and the bootstrap admins.
 */
import { CfnOutput, Stack, Token } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { checkIdentityInRegion, type IdentitySettings } from "../identity-settings";
import type { Language, MfaMode } from "../settings";
import { StaffAuth } from "./staff-auth";

export interface SignIn {
  /** The JWT authorizer's issuer (`iss`). */
  readonly issuer: string;
  /** The JWT authorizer's audience (`aud` or `client_id`). */
  readonly audiences: readonly string[];
  /** The stack's user pool, with `identity=cognito` only. */
  readonly userPool: StaffAuth | undefined;
  /** IDENTITY_AUDIENCE, IDENTITY_TOKEN_USE and BOOTSTRAP_ADMINS for the API functions. */
  readonly environment: Readonly<Record<string, string>>;
}

export interface SignInProps {
  readonly identity: IdentitySettings;
  readonly mfa: MfaMode;
  readonly language: Language;
}

export function createSignIn(scope: Construct, props: SignInProps): SignIn {
  const stack = Stack.of(scope);
  // The settings were checked against their `region`; this is the stack's, which may be set alone.
  const identity = checkIdentityInRegion(
    props.identity,
    Token.isUnresolved(stack.region) ? undefined : stack.region,
  );
  let userPool: StaffAuth | undefined;
  let issuer: string;
  let audiences: readonly string[];
  if (identity.provider === "cognito") {
    userPool = new StaffAuth(scope, "Auth", { mfa: props.mfa, language: props.language });
    issuer = userPool.issuerUrl;
    audiences = [userPool.client.userPoolClientId];
    new CfnOutput(scope, "UserPoolId", { value: userPool.userPool.userPoolId });
    new CfnOutput(scope, "UserPoolClientId", { value: userPool.client.userPoolClientId });
  } else {
    issuer = identity.issuer;
    audiences = identity.audiences;
  }
  new CfnOutput(scope, "JwtIssuer", { value: issuer });
  return {
    issuer,
    audiences,
    userPool,
    environment: {
      // With Cognito, one audience: the client id, a token resolved at deploy time.
      IDENTITY_AUDIENCE: audiences.join(","),
      IDENTITY_TOKEN_USE: identity.tokenUse,
      ...(identity.bootstrapAdmins.length ? { BOOTSTRAP_ADMINS: identity.bootstrapAdmins.join(",") } : {}),
    },
  };
}
