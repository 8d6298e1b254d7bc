/**
 * Why a member was suggested for a topic (registry/operations/suggestions.ts).
 * Added to the kernel's messages (kernel/http/messages.ts) by the entries that serve them.
 */
import { addMessages } from "../../kernel/http/messages";

export const suggestionReasonMessages = addMessages({
  // Why a member was suggested
  reason_expertise: {
    "zh-CN": "专长“{value}”与议题相关",
    en: "Expertise \u201c{value}\u201d fits the topic",
  },
  reason_profession: {
    "zh-CN": "职业“{value}”与议题相关",
    en: "Profession \u201c{value}\u201d fits the topic",
  },
  reason_sector: { "zh-CN": "所在界别：{value}", en: "Sector: {value}" },
  reason_serves_here: {
    "zh-CN": "已下沉本站（{value}片区）",
    en: "Already serves at this station ({value} zone)",
  },
  reason_same_township: { "zh-CN": "就近：住在{value}", en: "Lives nearby, in {value}" },
  reason_same_zone: { "zh-CN": "同在{value}片区", en: "Serves in the same zone ({value})" },
  reason_load: { "zh-CN": "已联系 {value} 个工作站（室）", en: "Serves at {value} station(s) already" },
});
