/**
 * What the Chinese SMS providers' adapters share: a template mapped to the provider's, the rule from
 * an answer's error code to an outcome, and the guards around one request — no number or no mapped
 * template fails at once without a request; a throw (a timeout, a network failure) is transient.
 */
import type { AttemptOutcome } from "../../domain/notices/delivery";
import type { NotificationRecord } from "../notifier";
import type { ChannelSender } from "./channel";

/** One of our templates as the provider knows it: its template id, and our variables in its order. */
export interface ProviderTemplate {
  readonly id: string;
  readonly params: readonly string[];
}

/** E.164, as the providers want it: a mainland number (no `+`) gets +86. */
export const e164 = (phone: string) => (phone.startsWith("+") ? phone : `+86${phone}`);

/** Our SMS variables (as shortened to fit one segment) in the order the provider's template takes them. */
export const templateParams = (template: ProviderTemplate, record: NotificationRecord): string[] =>
  template.params.map((name) => record.variables?.[name] ?? "");

/** An error code as an outcome: transient when `transientCodes` matches it, else final. */
export const codeOutcome =
  (transientCodes: RegExp) =>
  (code: string, message: string): AttemptOutcome => ({
    kind: transientCodes.test(code) ? "transient" : "permanent",
    error: `${code}: ${message}`,
  });

/** One request at the provider, for a recipient with a number and a template the provider knows. */
export type ProviderSend = (
  record: NotificationRecord,
  phone: string,
  template: ProviderTemplate,
) => Promise<AttemptOutcome>;

export function providerSmsChannel(
  provider: string,
  templates: Readonly<Record<string, ProviderTemplate>>,
  sendOne: ProviderSend,
): ChannelSender {
  return {
    async send(record) {
      const phone = record.recipient.phone;
      if (!phone) return { kind: "permanent", error: "the recipient has no mobile number" };
      const template = templates[record.templateId];
      if (!template) return { kind: "permanent", error: `no ${provider} template for ${record.templateId}` };
      try {
        return await sendOne(record, phone, template);
      } catch (error) {
        // A timeout or a network failure: the message may or may not have gone (decision 0014).
        return { kind: "transient", error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
