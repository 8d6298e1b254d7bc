/**
 * Messages of the registry's own operations: stations, members, who serves where, invitations,
 * contacts and sign-in users.
 * Added to the kernel's messages (kernel/http/messages.ts) by the entries that serve them.
 */
import { contactRoleNames } from "../../domain/registry/contacts";
import { addMessages } from "../../kernel/http/messages";

export const registryMessages = addMessages(
  {
    staff_needs_station: {
      "zh-CN": "工作人员须至少负责一个工作站（室）",
      en: "A staff user needs at least one station",
    },
    stations_only_for_staff: {
      "zh-CN": "只有工作人员账号可以指定工作站（室）",
      en: "Only staff users have stations",
    },
    member_needs_member_id: {
      "zh-CN": "委员账号须指定对应的委员",
      en: "A member user needs the member record it is",
    },
    station_not_found: { "zh-CN": "工作站（室）{id} 不存在", en: "Station {id} does not exist" },
    lead_member: {
      "zh-CN": "牵头委员不能直接移出，请先更换牵头委员",
      en: "The lead member cannot leave; choose another lead member first",
    },
    user_exists: {
      "zh-CN": "该登录标识已开通，请在用户列表中修改",
      en: "This subject can sign in already: change it on its page in the user list",
    },
    already_serving: {
      "zh-CN": "该委员已在此工作站（室）",
      en: "This member already serves at this station",
    },
    invitation_pending: {
      "zh-CN": "已向该委员发出邀请，尚待答复",
      en: "This member already has a pending invitation here",
    },
    invitation_closed: {
      "zh-CN": "该邀请已答复、撤回或过期，不能再答复或撤回",
      en: "This invitation was answered, withdrawn or has expired; it can no longer change",
    },
    lead_not_serving: {
      "zh-CN": "牵头委员须是已在本站的委员",
      en: "The lead member must already serve at this station",
    },
    invalid_subject: {
      "zh-CN": "登录标识格式不正确（1–200 个字母、数字或 . _ @ | : + = -）",
      en: "Not a valid subject (1–200 letters, digits or . _ @ | : + = -)",
    },
    contact_not_found: { "zh-CN": "通讯录中没有联系人 {id}", en: "Contact {id} is not in the directory" },
    contact_wrong_role: {
      "zh-CN": "联系人“{name}”是{actual}，此处须为{expected}",
      en: "Contact \u201c{name}\u201d is a {actual}; this needs a {expected}",
    },
    contact_inactive: {
      "zh-CN": "联系人“{name}”已停用，请先在通讯录中启用或另选",
      en: "Contact \u201c{name}\u201d is inactive; reactivate them in the directory or choose another",
    },
    sms_without_phone: {
      "zh-CN": "首选短信须登记手机号码",
      en: "SMS as the preferred channel needs a mobile number",
    },
    email_without_address: {
      "zh-CN": "首选电子邮件须登记电子邮箱",
      en: "E-mail as the preferred channel needs an e-mail address",
    },
    digest_without_email: {
      "zh-CN": "每日摘要通过电子邮件发送，须登记电子邮箱",
      en: "The daily digest is sent by e-mail: it needs an e-mail address",
    },
    station_name_taken: {
      "zh-CN": "已有同名的工作站（室）",
      en: "A station or room with this name already exists",
    },
    phone_taken: {
      "zh-CN": "该手机号已登记给其他委员",
      en: "This mobile number is already registered to a member",
    },
    lead_member_cannot_leave: {
      "zh-CN": "该委员是本站牵头委员",
      en: "This member is the station's lead member",
    },
  },
  { actual: contactRoleNames, expected: contactRoleNames },
);
