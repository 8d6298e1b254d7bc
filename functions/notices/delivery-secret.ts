/**
 * A provider's credentials on AWS: kept in a Secrets Manager secret, never in the template or the
 * function's environment, which names the secret only (`DELIVERY_SECRET`, its name or ARN). The
 * secret is a JSON object of the settings it holds, under their environment names, e.g.
 * `{"SMTP_URL": "smtps://user:password@smtp.example.com:465"}` or
 * `{"ALIYUN_ACCESS_KEY_ID": "…", "ALIYUN_ACCESS_KEY_SECRET": "…"}`; it is read once, at cold start,
 * and its settings are checked with the rest (delivery-settings.ts).
 */
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ConfigurationError } from "../kernel/config";

/** The secret's settings, or why they are not usable. */
export function secretSettings(secretId: string, text: string | undefined): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? "");
  } catch {
    parsed = undefined;
  }
  const entries = typeof parsed === "object" && parsed !== null ? Object.entries(parsed) : [];
  if (
    entries.length === 0 ||
    entries.some(([name, value]) => !/^[A-Z][A-Z0-9_]*$/.test(name) || typeof value !== "string")
  )
    throw new ConfigurationError(
      `DELIVERY_SECRET ${secretId} must hold a JSON object of settings as text, e.g. {"SMTP_URL": "smtps://…"}`,
    );
  return Object.fromEntries(entries) as Record<string, string>;
}

/** The environment with the settings of the secret that `DELIVERY_SECRET` names, if it names one. */
export async function withDeliverySecret(env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const secretId = env.DELIVERY_SECRET?.trim();
  if (!secretId) return env;
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    return { ...env, ...secretSettings(secretId, SecretString) };
  } finally {
    client.destroy();
  }
}
