/**
 * Messages of a topic's intake (a category, the person responsible, the policy, starting its loop):
 * the topics API and an opinion made a topic (activities) can answer with these.
 * Added to the kernel's messages (kernel/http/messages.ts) by the entries that serve them.
 */
import { addMessages } from "../../kernel/http/messages";

export const topicIntakeMessages = addMessages({
  topic_loop_unavailable: {
    "zh-CN": "议题流程暂时无法启动，本次未保存议题，请稍后重试",
    en: "The topic loop could not be started just now; the topic was not saved. Try again in a moment",
  },
  responsible_unreachable: {
    "zh-CN": "责任人须为委员，或留有手机号、电子邮箱",
    en: "The person responsible must be a member or have a phone number or email",
  },
  responsible_name_mismatch: {
    "zh-CN": "该委员登记的姓名是“{name}”，负责人姓名须与之一致",
    en: "This member is registered as \u201c{name}\u201d: the name must be theirs",
  },
  responsible_not_serving: {
    "zh-CN": "委员“{name}”未下沉本工作站（室），不能担任负责人；请先邀请其参与本站",
    en: "{name} does not serve at this station and cannot be responsible here; invite them first",
  },
  out_of_range: { "zh-CN": "超出允许范围", en: "Out of the allowed range" },
  invalid_unit: { "zh-CN": "单位只能是 days 或 workingDays", en: "The unit must be days or workingDays" },
  escalation_out_of_order: {
    "zh-CN": "督办层级的时间须逐级递增",
    en: "Each escalation level must come after the one below it",
  },
  invalid_year: { "zh-CN": "年份无效", en: "Not a valid year" },
  unknown_topic_category: {
    "zh-CN": "议题类别无效，可选：{allowed}",
    en: "Unknown topic category; allowed: {allowed}",
  },
});
