/** The columns of an invitation list as a spreadsheet (`?format=csv`). */
import type { InvitationStatus } from "../domain/invitations/invitations";
import type { Language } from "../domain/registry/members";
import { type CsvColumn, countyTime, type Labels } from "../kernel/http/csv";
import type { Invitation } from "./responses";

const statusLabels: Labels<InvitationStatus> = {
  pending: { "zh-CN": "待答复", en: "pending" },
  accepted: { "zh-CN": "已接受", en: "accepted" },
  declined: { "zh-CN": "已谢绝", en: "declined" },
  withdrawn: { "zh-CN": "已撤回", en: "withdrawn" },
  expired: { "zh-CN": "已过期", en: "expired" },
};

const kindLabels = {
  station: { "zh-CN": "下沉工作站（室）", en: "serve at the station" },
  topic: { "zh-CN": "参与议题", en: "take part in a topic" },
} as const;

const column = (
  header: CsvColumn["header"],
  value: (invitation: Invitation, language: Language) => string | undefined,
): CsvColumn => ({ header, value });

export const invitationColumns: readonly CsvColumn[] = [
  column({ "zh-CN": "邀请编号", en: "Invitation" }, (i) => i.id),
  column({ "zh-CN": "工作站（室）", en: "Station" }, (i) => i.stationName),
  column({ "zh-CN": "委员", en: "Member" }, (i) => i.memberName),
  column(
    { "zh-CN": "邀请事项", en: "Invited to" },
    (i, language) => kindLabels[i.topicId ? "topic" : "station"][language],
  ),
  column({ "zh-CN": "议题编号", en: "Topic" }, (i) => i.topicId),
  column({ "zh-CN": "议题", en: "Topic title" }, (i) => i.topicTitle),
  column({ "zh-CN": "状态", en: "Status" }, (i, language) => statusLabels[i.status][language]),
  column({ "zh-CN": "邀请说明", en: "Note" }, (i) => i.note),
  column({ "zh-CN": "邀请人", en: "Invited by" }, (i) => i.invitedBy.name ?? i.invitedBy.subject),
  column({ "zh-CN": "邀请时间", en: "Invited at" }, (i) => countyTime(i.createdAt)),
  column({ "zh-CN": "有效期至", en: "Expires at" }, (i) => countyTime(i.expiresAt)),
  column({ "zh-CN": "答复时间", en: "Answered at" }, (i) => countyTime(i.answeredAt)),
  column({ "zh-CN": "答复说明", en: "Answer note" }, (i) => i.answerNote),
];
