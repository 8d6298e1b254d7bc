/**
 * How notices are delivered, from the environment, checked once at start-up so that a wrong setting
 * fails then, not when the reminders go out:
 * - `EMAIL_DELIVERY`: `outbox` (default: the local outbox file) or `smtp` (`SMTP_URL`, `SMTP_FROM`).
 * - `SMS_DELIVERY`: `outbox` (default). Provider adapters (Alibaba Cloud, Tencent Cloud, SNS) plug in here.
 * - `NOTICE_QUIET_HOURS`: `21:00-08:00` (default, county time) or `off`: SMS waits them out.
 * - `NOTICE_URGENT_TEMPLATES`: templates sent through quiet hours anyway (e.g. `escalation`).
 */
import { defaultQuietHours, parseQuietHours, type QuietHours } from "../domain/notices/delivery";
import { ConfigurationError } from "../kernel/config";
import type { SmtpSettings } from "./channels/smtp";
import { templateIds } from "./templates/all";

export interface DeliverySettings {
  readonly email: { readonly kind: "outbox" } | ({ readonly kind: "smtp" } & SmtpSettings);
  readonly sms: { readonly kind: "outbox" };
  readonly quietHours: QuietHours | undefined;
  readonly urgentTemplates: ReadonlySet<string>;
  readonly outboxFile: string | undefined;
}

function emailSettings(env: NodeJS.ProcessEnv): DeliverySettings["email"] {
  const kind = env.EMAIL_DELIVERY || "outbox";
  if (kind === "outbox") return { kind };
  if (kind !== "smtp") throw new ConfigurationError(`EMAIL_DELIVERY must be outbox or smtp, not ${kind}`);
  const url = env.SMTP_URL;
  if (!url || !/^smtps?:\/\/[^/]+/.test(url))
    throw new ConfigurationError("EMAIL_DELIVERY=smtp needs SMTP_URL, e.g. smtp://user:password@host:587");
  const from = env.SMTP_FROM;
  if (!from)
    throw new ConfigurationError(
      "EMAIL_DELIVERY=smtp needs SMTP_FROM, e.g. 县政协办公室 <noreply@example.gov.cn>",
    );
  return { kind, url, from };
}

export function readDeliverySettings(env: NodeJS.ProcessEnv): DeliverySettings {
  const sms = env.SMS_DELIVERY || "outbox";
  if (sms !== "outbox") throw new ConfigurationError(`SMS_DELIVERY must be outbox, not ${sms}`);
  let quietHours: QuietHours | undefined;
  try {
    quietHours = env.NOTICE_QUIET_HOURS ? parseQuietHours(env.NOTICE_QUIET_HOURS) : defaultQuietHours;
  } catch (error) {
    throw new ConfigurationError(`NOTICE_QUIET_HOURS: ${(error as Error).message}`);
  }
  const urgent = (env.NOTICE_URGENT_TEMPLATES ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = urgent.filter((name) => !(templateIds as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new ConfigurationError(
      `NOTICE_URGENT_TEMPLATES names no template: ${unknown.join(", ")} (known: ${templateIds.join(", ")})`,
    );
  return {
    email: emailSettings(env),
    sms: { kind: "outbox" },
    quietHours,
    urgentTemplates: new Set(urgent),
    outboxFile: env.OUTBOX_FILE || undefined,
  };
}
