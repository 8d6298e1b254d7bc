/**
 * The issuer and audience the staff API's JWT authorizer trusts (decision 0025): the stack's own
 * Cognito user pool (StaffAuth, with its outputs) or the county's OpenID Connect issuer, in which
 * case no user pool is created.
 */
import { CfnOutput, Stack, Token } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { checkIdentity, type IdentitySettings } from "../identity-settings";
import type { Language, MfaMode } from "../settings";
import { StaffAuth } from "./staff-auth";

export interface StaffIdentity {
  /** The tokens' `iss`. */
  readonly issuer: string;
  /** Accepted `aud` (or `client_id`) values. */
  readonly audience: readonly string[];
  /** The user pool, when identity=cognito. */
  readonly auth?: StaffAuth;
}

export interface StaffIdentityProps {
  readonly identity: IdentitySettings;
  readonly mfa: MfaMode;
  readonly language: Language;
}

/** Creates the user pool when the identity is Cognito; outputs sit on the stack (ids unchanged). */
export function staffIdentity(scope: Construct, props: StaffIdentityProps): StaffIdentity {
  const stack = Stack.of(scope);
  // The settings were checked against their `region`; this is the stack's, which a test may set alone.
  const identity = checkIdentity(props.identity, Token.isUnresolved(stack.region) ? undefined : stack.region);
  if (identity.provider === "oidc") return { issuer: identity.issuer, audience: identity.audience };
  const auth = new StaffAuth(scope, "Auth", { mfa: props.mfa, language: props.language });
  new CfnOutput(stack, "UserPoolId", { value: auth.userPool.userPoolId });
  new CfnOutput(stack, "UserPoolClientId", { value: auth.client.userPoolClientId });
  return { issuer: auth.issuerUrl, audience: [auth.client.userPoolClientId], auth };
}
