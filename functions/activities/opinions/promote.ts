/**
 * 转为议题: a 社情民意 item becomes a topic at 收集议题, registered by the topics part's own use case
 * (its loop starts with it), with the item's submitter as the person told the outcome. The item's
 * link to the topic is written in the topic's own transaction, on condition that the item has none:
 * of two promotions, however close, one topic is registered; the other answers 409.
 */
import { requireWriter } from "../../domain/access";
import { ConflictError, StaleWriteError, ValidationError } from "../../domain/errors";
import { retryStaleWrites } from "../../kernel/retry";
import { findMember } from "../../registry/store/members";
import { findStation } from "../../registry/store/stations";
import { registerTopic } from "../../topics/register";
import type { TopicServices } from "../../topics/services";
import { CompanionWriteRefused, type Person, type StoredTopic } from "../../topics/store/topics";
import type { OpinionPromote } from "../opinion-contracts";
import { putOpinion, replaceOpinion, type StoredOpinion } from "../store/opinions";
import { opinionActorOf } from "./collect";
import { type OpinionChange, readOpinionToChange } from "./transitions";

function alreadyPromoted(opinion: StoredOpinion): ConflictError {
  const topicId = opinion.topicId ?? "";
  return new ConflictError("opinion_already_promoted", opinion.version, [
    {
      field: "topicId",
      code: "opinion_already_promoted",
      message: "opinion_promoted_to",
      params: { topicId },
    },
  ]);
}

/** The person responsible for the topic when the request names none: the station's lead member. */
async function leadMemberOf(stationId: string): Promise<Person> {
  const station = await findStation(stationId);
  const lead = station?.leadMemberId ? await findMember(station.leadMemberId) : undefined;
  if (!lead) {
    throw new ValidationError([{ field: "responsible", code: "no_lead_member", message: "no_lead_member" }]);
  }
  return { name: lead.name, memberId: lead.id };
}

/** The item linked to `topic`, and the item as it was, to put back if the topic is taken back. */
function linkTo(opinion: StoredOpinion, topic: StoredTopic, call: OpinionChange, now: Date) {
  const linked: StoredOpinion = {
    ...opinion,
    topicId: topic.id,
    history: [
      ...opinion.history,
      {
        at: now.toISOString(),
        kind: "promoted",
        actor: opinionActorOf(call.principal),
        details: { topicId: topic.id, topicTitle: topic.title },
      },
    ],
    version: opinion.version + 1,
    updatedAt: now.toISOString(),
  };
  const restored: StoredOpinion = { ...opinion, version: linked.version + 1, updatedAt: now.toISOString() };
  return { linked, restored };
}

export async function promoteOpinion(
  services: TopicServices,
  call: OpinionChange,
  body: OpinionPromote,
): Promise<{ opinion: StoredOpinion; topic: StoredTopic }> {
  requireWriter(call.principal);
  return retryStaleWrites(async () => {
    const opinion = await readOpinionToChange(call);
    if (opinion.topicId) throw alreadyPromoted(opinion);
    const responsible = body.responsible ?? (await leadMemberOf(opinion.stationId));
    const category = body.category ?? opinion.category;
    const now = services.now();
    let linked: StoredOpinion = opinion;
    const topic = await registerTopic(
      services,
      call.principal,
      {
        title: opinion.title,
        description: opinion.content,
        source: "publicOpinion",
        stationId: opinion.stationId,
        responsible,
        ...(body.deadlines ? { deadlines: body.deadlines } : {}),
        ...(body.responsibles ? { responsibles: body.responsibles } : {}),
        ...(category ? { category } : {}),
      },
      {
        opinionId: opinion.id,
        sourcePeople: opinion.submitter ? [opinion.submitter] : [],
        alsoWrite: (topic) => {
          linked = linkTo(opinion, topic, call, now).linked;
          return [replaceOpinion(opinion, linked)];
        },
        alsoWithdraw: (topic) => {
          const { linked: written, restored } = linkTo(opinion, topic, call, now);
          return [putOpinion(restored, { expression: "version = :v", values: { ":v": written.version } })];
        },
      },
    ).catch((error: unknown) => {
      // The item changed since it was read (another promotion, a transition): read it again.
      throw error instanceof CompanionWriteRefused ? new StaleWriteError(opinion.version) : error;
    });
    return { opinion: linked, topic };
  });
}
