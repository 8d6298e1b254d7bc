/**
 * Messages of the registry's shared fields (a mobile number, an e-mail address, a contact, a group-chat
 * robot): every part whose requests carry them can answer with these.
 * Added to the kernel's messages (kernel/http/messages.ts) by the entries that serve them.
 */
import { addMessages } from "../../kernel/http/messages";

export const registryFieldMessages = addMessages({
  invalid_mobile: {
    "zh-CN": "手机号码格式不正确（应为 11 位大陆手机号）",
    en: "Not a mainland China mobile number (11 digits)",
  },
  invalid_email: { "zh-CN": "电子邮箱格式不正确", en: "Not a valid email address" },
  name_contains_contact: {
    "zh-CN": "姓名中请勿填写手机号或电子邮箱，请填在联系方式一栏",
    en: "Give the name alone: put the phone number or e-mail in its own field",
  },
  name_or_contact_required: {
    "zh-CN": "请填写姓名，或选择通讯录中的联系人",
    en: "Give a name, or choose a contact from the directory",
  },
  invalid_chat_webhook_wecom: {
    "zh-CN": "须为企业微信群机器人地址：https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
    en: "Must be a WeCom robot webhook: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
  },
  invalid_chat_webhook_dingtalk: {
    "zh-CN": "须为钉钉群机器人地址：https://oapi.dingtalk.com/robot/send?access_token=…",
    en: "Must be a DingTalk robot webhook: https://oapi.dingtalk.com/robot/send?access_token=…",
  },
  invalid_chat_secret_wecom: {
    "zh-CN": "企业微信群机器人没有加签密钥，其密钥就在地址的 key 中",
    en: "A WeCom robot has no secret: its key is in the address",
  },
  invalid_chat_secret_dingtalk: {
    "zh-CN": "钉钉加签密钥应以 SEC 开头（复制机器人安全设置里的完整密钥）",
    en: "A DingTalk signing secret starts with SEC (copy it whole from the robot's security settings)",
  },
  member_not_found: { "zh-CN": "委员 {id} 不存在", en: "Member {id} does not exist" },
});
