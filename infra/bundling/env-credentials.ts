/**
 * What the deployed bundles get instead of `@aws-sdk/credential-provider-node` (an esbuild alias in
 * ../bundling.ts; docs/decisions/0010).
 *
 * Every SDK client's Node.js runtime config (`dist-es/runtimeConfig.js`) imports `defaultProvider`
 * from that package and calls it when no `credentials` are given. That default chain tries the
 * environment, then SSO, INI files, `credential_process`, web identity tokens and the ECS/EC2
 * metadata services; a bundle cannot know which will be needed, so esbuild inlines them all —
 * about 136 kB, some 40 % of a bare DynamoDB handler. A Lambda function never gets past the first
 * link: the runtime puts the execution role's credentials in AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and that first link is the SDK's own `fromEnv`,
 * which is all this module keeps.
 *
 * Only the bundles use it. The local tools and tests run the TypeScript sources (tsx, vitest), which
 * import the real package and keep the whole chain; locally the functions pass fixed credentials to
 * their clients anyway.
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";

/** The options the clients pass (their resolved config, with its logger); only the logger is used. */
type ProviderInit = Parameters<typeof fromEnv>[0];
type Provider = ReturnType<typeof fromEnv>;

/**
 * The default chain reduced to its first link: the credentials in the environment, read on each
 * call (the clients cache nothing from a default provider; reading four variables costs nothing),
 * or a `CredentialsProviderError` naming the missing variables' provider.
 */
export const defaultProvider = (init: ProviderInit = {}): Provider => fromEnv(init);
