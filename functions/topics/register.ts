/** Registering a topic (登记议题): it starts at 收集议题, and its execution starts with it. */
import { assertCanChangeStation, type Principal, requireWriter } from "../domain/access";
import { NotFoundError, UnavailableError, ValidationError } from "../domain/errors";
import { newId } from "../kernel/ids";
import { logError } from "../kernel/log";
import { memberKey, stationKey } from "../kernel/table/keys";
import type { TopicCreate } from "./contracts";
import { planStep } from "./plan-step";
import { actorOf } from "./present";
import type { TopicServices } from "./services";
import { calendarsInForce } from "./store/calendars";
import { createTopic, MissingReferences, type StoredTopic, withdrawNewTopic } from "./store/topics";

/** What a new topic refers to and must exist: its station first, then each member named responsible. */
function referencesOf(body: TopicCreate) {
  const people = [body.responsible, ...Object.values(body.responsibles ?? {})];
  const members = people.flatMap((person, index) =>
    person?.memberId
      ? [{ memberId: person.memberId, field: index === 0 ? "responsible.memberId" : "responsibles" }]
      : [],
  );
  return { keys: [stationKey(body.stationId), ...members.map((m) => memberKey(m.memberId))], members };
}

/** The error for the first missing reference: the station (404), else a member named (400). */
function missingReferenceError(
  body: TopicCreate,
  references: ReturnType<typeof referencesOf>,
  missing: MissingReferences,
): Error {
  const [first] = missing.positions;
  if (first === 0) return new NotFoundError("station", body.stationId);
  const member = references.members[(first ?? 1) - 1];
  return new ValidationError([
    {
      field: member?.field ?? "responsibles",
      code: "member_not_found",
      message: "member_not_found",
      params: { id: member?.memberId ?? "" },
    },
  ]);
}

function newTopic(body: TopicCreate, now: Date): StoredTopic {
  const id = newId(now.getTime());
  const timestamp = now.toISOString();
  return {
    id,
    stationId: body.stationId,
    title: body.title,
    description: body.description ?? "",
    source: body.source,
    responsible: body.responsible,
    stepResponsible: body.responsibles ?? {},
    deadlineOverrides: body.deadlines ?? {},
    status: "open",
    step: "collect",
    stepSeq: 1,
    enteredSeq: 0,
    extensions: 0,
    returns: 0,
    alarmsSent: [],
    wakeUps: 0,
    evidence: {},
    eventSeq: 0,
    decisionSeq: 0,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
    executionName: `${id}-1`,
  };
}

export async function registerTopic(
  services: TopicServices,
  principal: Principal,
  body: TopicCreate,
): Promise<StoredTopic> {
  requireWriter(principal);
  assertCanChangeStation(principal, body.stationId);
  const now = services.now();
  // 收集议题 starts with the registration: its deadline is in the answer and in the timeline at once,
  // however soon the first decision follows.
  const planned = planStep(newTopic(body, now), "collect", now, await calendarsInForce(), 1);
  const created = { at: now.toISOString(), kind: "created", step: "collect" } as const;
  const references = referencesOf(body);
  const topic = await createTopic(
    planned.topic,
    [{ ...created, actor: actorOf(principal), details: { source: body.source } }, planned.event],
    references.keys,
  ).catch((error: unknown) => {
    throw error instanceof MissingReferences ? missingReferenceError(body, references, error) : error;
  });
  try {
    await services.loop.start(
      { topicId: topic.id, step: "collect", resume: false },
      topic.executionName ?? topic.id,
    );
  } catch (error) {
    logError("the topic loop could not be started for a new topic", { topicId: topic.id }, error);
    // Taken back, so that the client's retry makes one topic, not two. If the execution had
    // started after all (it wrote to the topic), the topic stands.
    if (await withdrawNewTopic(topic)) throw new UnavailableError("topic_loop_unavailable");
  }
  return topic;
}
