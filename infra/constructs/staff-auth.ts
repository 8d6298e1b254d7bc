/**
 * The stack's own sign-in with `identity=cognito` (decision 0024): a Cognito user pool that only
 * administrators add users to, and the one client the staff app signs in with. What a user may do
 * is in their user record in the table, not in the pool: the groups and custom attributes are kept
 * only because a deployed pool cannot drop custom attributes.
 */
import { createHash } from "node:crypto";
import { Duration, RemovalPolicy, Stack, Token, Validations } from "aws-cdk-lib";
import {
  AccountRecovery,
  CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { claimNames, type Role, roles } from "../../functions/kernel/http/claims";
import type { Language, MfaMode } from "../settings";

/** The custom attributes, by their name without the `custom:` prefix (see claims.ts). */
export const customAttributeNames = {
  stationIds: claimNames.stationIds.replace(/^custom:/, ""),
  memberId: claimNames.memberId.replace(/^custom:/, ""),
} as const;

/** Group precedence: the lowest number wins where Cognito has to pick one group. */
const precedence: Record<Role, number> = { admin: 0, staff: 10, member: 20 };

export interface StaffAuthProps {
  readonly mfa: MfaMode;
  /** The language of the invitation and verification emails. */
  readonly language: Language;
}

/** Emails Cognito sends: an administrator creates every account, so the invitation matters most. */
const emails = {
  "zh-CN": {
    invitationSubject: "好商量：您的账号已开通",
    invitationBody:
      "您好！您的好商量账号已开通。用户名：{username}，临时密码：{####}。" +
      "首次登录时请设置新密码，并绑定身份验证器应用。",
    verificationSubject: "好商量：验证码",
    verificationBody: "您的验证码是 {####}，请勿告诉他人。",
  },
  en: {
    invitationSubject: "Haoshangliang: your account is ready",
    invitationBody:
      "Your Haoshangliang account is ready. User name: {username}, temporary password: {####}. " +
      "At first sign-in, choose a new password and set up an authenticator app.",
    verificationSubject: "Haoshangliang: verification code",
    verificationBody: "Your verification code is {####}. Do not share it.",
  },
} as const satisfies Record<Language, Record<string, string>>;

/** The hosted console's sign-in at the pool: its hosted UI domain and sign-out address. */
export interface ConsoleSignIn {
  readonly domain: UserPoolDomain;
  /** `https://<domain>.auth.<region>.amazoncognito.com/logout?client_id=…&logout_uri=<console>/`. */
  readonly signOutUrl: string;
}

export class StaffAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The `iss` of the pool's tokens, which is also its OpenID Connect discovery base. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);

    this.userPool = this.createUserPool(props);
    if (props.mfa === "optional") {
      Validations.of(this.userPool).acknowledge({
        id: "AwsSolutions-COG2",
        reason:
          "This county's deployment was configured with mfa=optional (context); TOTP remains available " +
          "to every user and threat protection (Plus tier) is enforced.",
      });
    }

    for (const role of roles) {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        precedence: precedence[role],
        description: `API role ${role}`,
      });
    }

    this.client = this.createClient();

    const stack = Stack.of(this);
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }

  /**
   * The hosted console's sign-in (decision 0023): a Cognito domain for the hosted UI, and the client's
   * authorization-code flow (PKCE, no secret) back to the console. Called once the console's address
   * is known; the OAuth settings are written on the client's resource, which keeps its logical id.
   * Answers the domain and the hosted UI's sign-out address, which ends the Cognito session and comes
   * back to the console (Cognito's discovery names no end_session_endpoint).
   */
  enableConsoleSignIn(consoleUrl: string, countySlug: string): ConsoleSignIn {
    const domain = this.userPool.addDomain("ConsoleDomain", {
      cognitoDomain: { domainPrefix: cognitoDomainPrefix(Stack.of(this), countySlug) },
    });
    const client = this.client.node.defaultChild;
    if (!(client instanceof CfnUserPoolClient))
      throw new Error("the staff app client has no CfnUserPoolClient");
    const url = `${consoleUrl}/`;
    client.allowedOAuthFlowsUserPoolClient = true;
    client.allowedOAuthFlows = ["code"];
    client.allowedOAuthScopes = ["openid", "profile", "email"];
    client.callbackUrLs = [url];
    client.logoutUrLs = [url];
    client.supportedIdentityProviders = ["COGNITO"];
    // logout_uri must be one of the client's logout URLs, exactly.
    const signOutUrl = `${domain.baseUrl()}/logout?client_id=${this.client.userPoolClientId}&logout_uri=${url}`;
    return { domain, signOutUrl };
  }

  private createUserPool(props: StaffAuthProps): UserPool {
    return new UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      userInvitation: {
        emailSubject: emails[props.language].invitationSubject,
        emailBody: emails[props.language].invitationBody,
      },
      userVerification: {
        emailSubject: emails[props.language].verificationSubject,
        emailBody: emails[props.language].verificationBody,
      },
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: false, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // Comma-separated station ids a `staff` user may work on.
        [customAttributeNames.stationIds]: new StringAttribute({ mutable: true, maxLen: 2048 }),
        // The member record a `member` user is.
        [customAttributeNames.memberId]: new StringAttribute({ mutable: true, maxLen: 64 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // TOTP only: SMS factors would need an SNS role and per-message cost, and text messages in
      // mainland China need a registered signature and template.
      mfa: props.mfa === "required" ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The staff app's client: SRP sign-in, short-lived tokens, and no writing of one's own authorization. */
  private createClient(): UserPoolClient {
    return this.userPool.addClient("StaffAppClient", {
      generateSecret: false,
      authFlows: { userSrp: true },
      // OAuth only for the hosted console, which turns it on once its address is known (enableConsoleSignIn).
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(customAttributeNames.stationIds, customAttributeNames.memberId),
      // Users must never write their own authorization: the custom attributes are set by
      // administrators (AdminUpdateUserAttributes), so the client may write only the display name.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}

/**
 * The hosted UI's domain prefix, `hsl-<countySlug>-<8 hex>`: unique per account, region and stack,
 * lowercase, at most 63 characters, and without the words Cognito refuses (aws, amazon, cognito).
 */
export function cognitoDomainPrefix(stack: Stack, countySlug: string): string {
  const where = [stack.account, stack.region].filter((part) => !Token.isUnresolved(part));
  const hash = createHash("sha256")
    .update([stack.stackName, ...where].join("/"))
    .digest("hex")
    .slice(0, 8);
  const slug = countySlug
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, "x")
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `hsl-${slug}-${hash}`;
}
