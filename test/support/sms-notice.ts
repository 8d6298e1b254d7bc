/** A step's SMS notice being sent (claimed) to `phone`, as the provider adapters' tests send it. */
import type { ProviderTemplate } from "../../functions/notices/channels/provider-sms";
import type { NotificationRecord } from "../../functions/notices/notifier";
import { allTemplates } from "../../functions/notices/templates/all";

export const smsNotice = (phone: string, title = "路灯不亮"): NotificationRecord => ({
  id: "01J00000000000000000NOTICE",
  idempotencyKey: "k",
  recipient: { id: `person:${phone}`, name: "张委员", phone },
  channel: "sms",
  templateId: "step_started",
  language: "zh-CN",
  subject: "议题进入新环节",
  text: `张委员：议题「${title}」进入收集议题环节。`,
  variables: {
    recipientName: "张委员",
    title,
    stepName: "收集议题",
    deadline: "2026-12-09 17:30",
  },
  status: "sending",
  createdAt: "2026-12-02T04:00:00.000Z",
});

/**
 * Every template as registered at a provider: its id there (`idOf` its position), and our Chinese
 * SMS's variables as its parameters, in their order.
 */
export const providerTemplatesFor = (idOf: (index: number) => string): Record<string, ProviderTemplate> =>
  Object.fromEntries(
    allTemplates.map((template, index) => [
      template.id,
      { id: idOf(index), params: [...template.sms["zh-CN"].matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "") },
    ]),
  );
