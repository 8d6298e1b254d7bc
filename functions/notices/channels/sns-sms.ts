/**
 * SMS through Amazon SNS (`Publish` to a phone number) in a global region. SNS sends the text as
 * given: unlike the Chinese providers it knows no templates, and adds no signature, so the county's
 * 【signature】 leads the text (which was fitted to one segment with it, sms-text.ts). The AWS China
 * regions do not offer SMS through SNS: a county there uses Alibaba Cloud or Tencent Cloud.
 */
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { type AwsChannelSettings, attemptSignal, awsErrorOutcome, clientSettings } from "./aws-outcome";
import type { ChannelSender } from "./channel";
import { e164 } from "./provider-sms";

export interface SnsSmsSettings extends AwsChannelSettings {
  /** The signature as a phone shows it, in 【】. */
  readonly signature: string;
  /** An alphanumeric sender id, where the destination country supports one (mainland China does not). */
  readonly senderId?: string;
}

/**
 * SNS's throttling (`Throttled`, the generic `Throttling`), KMS's, and its own failures; anything
 * else — `InvalidParameter(Value)`, `OptedOut`, `AuthorizationError`, an SMS sandbox's unverified
 * number — another attempt would meet alike.
 */
const transientNames = /^(Throttl|KMSThrottling|InternalError|ServiceUnavailable)/;

const text = (Value: string) => ({ DataType: "String", StringValue: Value });

export function snsSmsChannel(settings: SnsSmsSettings): ChannelSender {
  const client = new SNSClient(clientSettings(settings));
  return {
    async send(record) {
      const phone = record.recipient.phone;
      if (!phone) return { kind: "permanent", error: "the recipient has no mobile number" };
      const command = new PublishCommand({
        PhoneNumber: e164(phone),
        Message: `${settings.signature}${record.text}`,
        MessageAttributes: {
          // Transactional (not Promotional): the route AWS optimizes for reliability.
          "AWS.SNS.SMS.SMSType": text("Transactional"),
          ...(settings.senderId ? { "AWS.SNS.SMS.SenderID": text(settings.senderId) } : {}),
        },
      });
      try {
        const answer = await client.send(command, { abortSignal: attemptSignal(settings) });
        return { kind: "sent", ...(answer.MessageId ? { providerMessageId: answer.MessageId } : {}) };
      } catch (error) {
        return awsErrorOutcome(error, transientNames);
      }
    },
  };
}
