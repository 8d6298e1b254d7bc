/**
 * Messages of the activities API: the year's plan and the quota, the duty roster, 社情民意 items.
 * Added to the kernel's messages (kernel/http/messages.ts) by the entries that serve them.
 */
import { opinionActionNames, opinionStatusNames } from "../../domain/quota/opinions";
import { addMessages } from "../../kernel/http/messages";

export const activityMessages = addMessages(
  {
    plan_below_target_consultations: {
      "zh-CN": "全年计划的协商议事活动合计 {planned} 次，少于年度目标 {target} 次",
      en: "The year's plan has {planned} consultations, fewer than the target of {target}",
    },
    plan_below_target_opinions: {
      "zh-CN": "全年计划的社情民意信息合计 {planned} 条，少于年度目标 {target} 条",
      en: "The year's plan has {planned} public-opinion items, fewer than the target of {target}",
    },
    shift_closed: {
      "zh-CN": "该值班已登记或已取消，不能重复操作",
      en: "This shift was already recorded or cancelled",
    },
    shift_not_yet: {
      "zh-CN": "值班日期未到，不能提前登记",
      en: "The shift's day has not come; it cannot be recorded yet",
    },
    date_in_past: {
      "zh-CN": "值班日期不能早于今天（{today}）",
      en: "A shift cannot be planned before today ({today})",
    },
    not_serving_here: {
      "zh-CN": "该委员未下沉本工作站（室），不能排班",
      en: "This member does not serve at this station",
    },
    already_on_duty: {
      "zh-CN": "该委员 {date} 已有本站的值班安排",
      en: "This member already has a shift here on {date}",
    },
    topic_unknown: {
      "zh-CN": "本工作站（室）没有议题 {id}",
      en: "This station has no topic {id}",
    },
    correction_reason_required: { "zh-CN": "请填写修改或删除的原因", en: "Say why (reason)" },
    opinion_wrong_status: {
      "zh-CN": "该社情民意信息当前状态不允许此操作",
      en: "The public-opinion item's current status does not allow this",
    },
    opinion_status_forbids: {
      "zh-CN": "当前状态为「{opinionStatus}」，不能{opinionAction}",
      en: "It is “{opinionStatus}”: it cannot {opinionAction}",
    },
    opinion_already_promoted: {
      "zh-CN": "该社情民意信息已转为议题，不能重复转办",
      en: "This public-opinion item has already been made a topic",
    },
    opinion_promoted_to: { "zh-CN": "已转为议题 {topicId}", en: "Already topic {topicId}" },
    date_before_received: {
      "zh-CN": "日期不能早于收集日期（{date}）",
      en: "The date cannot be before the item was received ({date})",
    },
    date_before_report: {
      "zh-CN": "日期不能早于报送日期（{date}）",
      en: "The date cannot be before the item was reported ({date})",
    },
    submitter_required: {
      "zh-CN": "群众反映的社情民意须填写反映人（姓名必填，联系方式可不填）",
      en: "An item from a resident needs the submitter (a name; contacts are optional)",
    },
    member_required: {
      "zh-CN": "委员提交的社情民意须注明委员",
      en: "An item from a member needs the member",
    },
    member_only_for_member_items: {
      "zh-CN": "群众反映的社情民意不填写委员（memberId 仅用于委员提交）",
      en: "memberId is for an item from a member, not from a resident",
    },
    submitter_only_for_resident_items: {
      "zh-CN": "委员提交的社情民意不填写反映人（submitter 仅用于群众反映）",
      en: "submitter is for an item from a resident, not from a member",
    },
    not_your_own_member_id: {
      "zh-CN": "委员只能以本人名义提交",
      en: "A member may submit only in their own name",
    },
    no_lead_member: {
      "zh-CN": "本站未设牵头委员，请指定议题责任人",
      en: "The station has no lead member: name the person responsible",
    },
  },
  {
    opinionStatus: opinionStatusNames,
    opinionAction: opinionActionNames,
  },
);
