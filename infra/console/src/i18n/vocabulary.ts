/**
 * The API's enum values as people read them, in both languages. The wording follows the API's own
 * CSV exports (notification-columns, invitations/columns, stations, quota/duty), so a page and its
 * export say the same thing. Keyed by the API's types: a new enum value is a type error here.
 */
import type { components } from "../api/schema.generated";
import type { Language } from "./messages";

type Schemas = components["schemas"];
type Labels<V extends string> = Record<V, Record<Language, string>>;

export const consultationFormatLabels: Labels<
  "meeting" | "onlineConsultation" | "visitConsultation" | "other"
> = {
  meeting: { "zh-CN": "协商议事会", en: "Consultation meeting" },
  onlineConsultation: { "zh-CN": "网络议政", en: "Online consultation" },
  visitConsultation: { "zh-CN": "走访协商", en: "On-the-spot consultation" },
  other: { "zh-CN": "其他", en: "Other" },
};

export const feedbackMethodLabels: Labels<"visit" | "phone" | "sms" | "meeting" | "notice" | "other"> = {
  visit: { "zh-CN": "走访", en: "Visit" },
  phone: { "zh-CN": "电话", en: "Phone" },
  sms: { "zh-CN": "短信", en: "SMS" },
  meeting: { "zh-CN": "会议", en: "Meeting" },
  notice: { "zh-CN": "公示", en: "Public notice" },
  other: { "zh-CN": "其他", en: "Other" },
};

/** Completing `determine` records the decision; declining is a rejection, not evidence. */
export const decisionLabels: Labels<"adopted"> = {
  adopted: { "zh-CN": "同意立项", en: "Adopted" },
};

export const topicSourceLabels: Labels<Schemas["Topic"]["source"]> = {
  resident: { "zh-CN": "群众反映", en: "Residents" },
  member: { "zh-CN": "委员提出", en: "A member" },
  publicOpinion: { "zh-CN": "社情民意信息", en: "Public opinion" },
  partyGovernment: { "zh-CN": "党政要事", en: "Party and government" },
};

export const channelLabels: Labels<Schemas["Notification"]["channel"]> = {
  email: { "zh-CN": "电子邮件", en: "E-mail" },
  sms: { "zh-CN": "短信", en: "SMS" },
  inbox: { "zh-CN": "站内通知", en: "Inbox" },
  chat: { "zh-CN": "工作站群聊", en: "Station group chat" },
};

export const deliveryStatusLabels: Labels<Schemas["Notification"]["status"]> = {
  queued: { "zh-CN": "待发送", en: "Queued" },
  sending: { "zh-CN": "发送中", en: "Sending" },
  sent: { "zh-CN": "已发送", en: "Sent" },
  held: { "zh-CN": "暂缓（免打扰时段或限速）", en: "Held (quiet hours or rate limit)" },
  failed: { "zh-CN": "发送失败", en: "Failed" },
  folded: { "zh-CN": "已并入汇总", en: "Folded into a digest" },
};

export const stationStatusLabels: Labels<Schemas["Station"]["status"]> = {
  preparing: { "zh-CN": "筹建中", en: "Preparing" },
  active: { "zh-CN": "运行中", en: "Active" },
  suspended: { "zh-CN": "暂停", en: "Suspended" },
};

export const invitationStatusLabels: Labels<Schemas["Invitation"]["status"]> = {
  pending: { "zh-CN": "待答复", en: "Pending" },
  accepted: { "zh-CN": "已接受", en: "Accepted" },
  declined: { "zh-CN": "已谢绝", en: "Declined" },
  withdrawn: { "zh-CN": "已撤回", en: "Withdrawn" },
  expired: { "zh-CN": "已过期", en: "Expired" },
};

export const dutyShiftStatusLabels: Labels<Schemas["DutyShift"]["status"]> = {
  planned: { "zh-CN": "已排班", en: "Planned" },
  recorded: { "zh-CN": "已值班", en: "Recorded" },
  no_show: { "zh-CN": "未到岗", en: "No-show" },
  cancelled: { "zh-CN": "已取消", en: "Cancelled" },
};

export const paceStatusLabels: Labels<keyof NonNullable<Schemas["QuotaCheck"]["years"]>[number]["byStatus"]> =
  {
    met: { "zh-CN": "已完成", en: "Met" },
    on_pace: { "zh-CN": "进度正常", en: "On pace" },
    behind: { "zh-CN": "进度滞后", en: "Behind" },
    at_risk: { "zh-CN": "难以完成", en: "At risk" },
  };

export const quotaCheckTriggerLabels: Labels<Schemas["QuotaCheck"]["trigger"]> = {
  schedule: { "zh-CN": "定时", en: "Scheduled" },
  request: { "zh-CN": "手动", en: "Asked for" },
};

/** How a member came to serve at a station: 就近、自主, or for one topic. */
export const assignmentBasisLabels: Labels<Schemas["Assignment"]["basis"]> = {
  nearby: { "zh-CN": "就近", en: "Nearby" },
  choice: { "zh-CN": "自主", en: "Own choice" },
  topic: { "zh-CN": "按议题", en: "By topic" },
};

/** The label of `value` in `language`; the value itself if the API sent one this console does not know. */
export function labelOf<V extends string>(labels: Labels<V>, value: string, language: Language): string {
  return (labels as Record<string, Record<Language, string>>)[value]?.[language] ?? value;
}

/** Select options of every value, labelled in `language`. */
export function choicesOf<V extends string>(labels: Labels<V>, language: Language) {
  return (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value][language] }));
}

/** 4+X activities by kind: the four 规定动作 and the rest, as the API's activity CSV says them. */
export const activityTypeLabels: Labels<Schemas["Activity"]["type"]> = {
  consultation: { "zh-CN": "协商议事", en: "Consultation" },
  duty: { "zh-CN": "委员值班", en: "Duty shift" },
  reception: { "zh-CN": "来访接待", en: "Visitor reception" },
  visit: { "zh-CN": "走访调研", en: "Visits and research" },
  study: { "zh-CN": "学习", en: "Study" },
  service: { "zh-CN": "为民服务", en: "Service to residents" },
  fellowship: { "zh-CN": "团结联谊", en: "Fellowship" },
  other: { "zh-CN": "自选动作", en: "Other (X)" },
};

export const activityEventLabels: Labels<Schemas["ActivityHistory"]["items"][number]["kind"]> = {
  recorded: { "zh-CN": "登记", en: "Recorded" },
  corrected: { "zh-CN": "更正", en: "Corrected" },
  deleted: { "zh-CN": "删除", en: "Deleted" },
};

export const opinionStatusLabels: Labels<Schemas["Opinion"]["status"]> = {
  received: { "zh-CN": "已收集", en: "Received" },
  reported: { "zh-CN": "已报送", en: "Reported upward" },
  adopted: { "zh-CN": "已采用", en: "Adopted" },
  not_adopted: { "zh-CN": "未采用", en: "Not adopted" },
};

export const opinionSourceLabels: Labels<Schemas["Opinion"]["source"]> = {
  resident: { "zh-CN": "群众反映", en: "A resident" },
  member: { "zh-CN": "委员提交", en: "A member" },
};
