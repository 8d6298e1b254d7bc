/** Response shapes of 社情民意 items (OpenAPI components; they type the answers). */
import * as v from "valibot";
import { opinionSources, opinionStatuses } from "../domain/quota/opinions";
import { id, isoDate, isoTimestamp, pageOf, version } from "../kernel/contracts";

const actor = v.object({ subject: v.string(), name: v.optional(v.string()) });

/** One entry of an item's history: collected, reported, adopted, not adopted, promoted to a topic. */
export const opinionEvent = v.object({
  at: isoTimestamp,
  kind: v.picklist(["received", "reported", "adopted", "not_adopted", "promoted"]),
  actor: v.optional(actor),
  details: v.optional(v.record(v.string(), v.unknown())),
  /** The entry as a sentence in the reader's language. */
  text: v.optional(v.string()),
});
export type OpinionEvent = v.InferOutput<typeof opinionEvent>;

const opinionEntries = {
  id,
  stationId: id,
  title: v.string(),
  content: v.string(),
  source: v.picklist(opinionSources),
  /** Who raised it: a resident (contacts masked for members) or a member (`memberId`). */
  submitter: v.optional(
    v.object({
      name: v.string(),
      memberId: v.optional(id),
      phone: v.optional(v.string()),
      email: v.optional(v.string()),
    }),
  ),
  receivedOn: isoDate,
  category: v.optional(v.string()),
  status: v.picklist(opinionStatuses),
  /** 报送: where it went, and when. */
  reportedTo: v.optional(v.string()),
  reportedOn: v.optional(isoDate),
  /** 采用: the adopting body, when, and a note. */
  adoptedBy: v.optional(v.string()),
  adoptedOn: v.optional(isoDate),
  adoptionNote: v.optional(v.string()),
  /** 未采用: why, and when it was recorded. */
  declineReason: v.optional(v.string()),
  declinedOn: v.optional(isoDate),
  /** The topic it was promoted to. */
  topicId: v.optional(id),
  history: v.array(opinionEvent),
  version,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};
export const opinionRecord = v.object(opinionEntries);
export type Opinion = v.InferOutput<typeof opinionRecord>;

export const opinionView = v.object({ ...opinionEntries, statusName: v.string() });
export type OpinionView = v.InferOutput<typeof opinionView>;

export const opinionSchemas = {
  Opinion: opinionView,
  OpinionPage: pageOf(opinionView),
  OpinionPromotion: v.object({
    opinion: opinionView,
    /** The topic registered at 收集议题 (see the Topic schema). */
    topic: v.record(v.string(), v.unknown()),
  }),
} as const;
