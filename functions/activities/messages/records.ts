/**
 * Messages of an activity's record: the activities API and a consultation recorded for a topic
 * (topics) can answer with these.
 * Added to the kernel's messages (kernel/http/messages.ts) by the entries that serve them.
 */
import { addMessages } from "../../kernel/http/messages";

export const activityRecordMessages = addMessages({
  activity_from_topic: {
    "zh-CN": "该协商活动由议题的「开展协商」环节记录，不能删除，也不能改为其他类型或其他议题",
    en: "This consultation was recorded by a topic's consultation step: it cannot be deleted, nor made another kind or another topic's",
  },
  activity_deleted: {
    "zh-CN": "该活动记录已删除，不能再修改",
    en: "This activity was deleted; it can no longer change",
  },
  label_required_for_other: {
    "zh-CN": "自选动作须填写活动名称",
    en: "An \u201cother\u201d (X) activity needs a label",
  },
  label_only_for_other: {
    "zh-CN": "只有自选动作才填写活动名称",
    en: "Only an \u201cother\u201d (X) activity takes a label",
  },
  date_in_future: {
    "zh-CN": "日期不能晚于今天（{today}）",
    en: "The date cannot be after today ({today})",
  },
  duplicate_member: { "zh-CN": "委员重复", en: "A member is listed twice" },
  member_unknown: { "zh-CN": "未找到委员 {id}", en: "Member {id} is not registered" },
});
