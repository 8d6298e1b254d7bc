/** Registering a topic (登记议题): it starts at 收集议题, and its execution starts with it. */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { tallyWrite } from "../activities/store/tally";
import { assertCanChangeStation, type Principal, requireWriter } from "../domain/access";
import { NotFoundError, UnavailableError, ValidationError } from "../domain/errors";
import { withdrawal } from "../domain/quota/tally";
import { localDate, yearOf } from "../domain/topics/calendar";
import { topicTallyDelta } from "../domain/topics/categories";
import { config } from "../kernel/config";
import { newId } from "../kernel/ids";
import { logError } from "../kernel/log";
import { memberKey, stationKey } from "../kernel/table/keys";
import { assertTopicCategory } from "./categories";
import type { TopicCreate } from "./contracts";
import { entryWait } from "./loop/waiting";
import { planStep } from "./plan-step";
import { actorOf } from "./present";
import type { TopicServices } from "./services";
import { calendarsInForce } from "./store/calendars";
import {
  createTopic,
  MissingReferences,
  type Person,
  type StoredTopic,
  withdrawNewTopic,
} from "./store/topics";

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

/**
 * What a registration on someone's behalf brings along: the 社情民意 item a topic is promoted from
 * and the people who raised it, and writes that commit with the topic (the item's link to it) and
 * those that take them back if the topic's loop cannot start.
 */
export interface RegistrationExtras {
  readonly opinionId?: string;
  readonly sourcePeople?: readonly Person[];
  readonly alsoWrite?: (topic: StoredTopic) => readonly TransactWriteItem[];
  readonly alsoWithdraw?: (topic: StoredTopic) => readonly TransactWriteItem[];
}

/** The tally year and date a topic registered on county date `date` counts in. */
const countedIn = (date: string) => ({ tallyYear: yearOf(date), tallyDate: date });

function newTopic(body: TopicCreate, now: Date, extras: RegistrationExtras): StoredTopic {
  const id = newId(now.getTime());
  const timestamp = now.toISOString();
  return {
    ...(body.category ? { category: body.category } : {}),
    ...countedIn(localDate(now, config().timeZone)),
    ...(extras.opinionId ? { opinionId: extras.opinionId } : {}),
    ...(extras.sourcePeople?.length ? { sourcePeople: extras.sourcePeople } : {}),
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

/** The topic's count in its station's tally of the year it was registered (decision 0020). */
const tallyOf = (topic: StoredTopic, change: 1 | -1) =>
  tallyWrite(
    topic.stationId,
    topic.tallyYear ?? 0,
    change === 1
      ? topicTallyDelta(topic.category, topic.tallyDate)
      : withdrawal(topicTallyDelta(topic.category, topic.tallyDate)),
  );

export async function registerTopic(
  services: TopicServices,
  principal: Principal,
  body: TopicCreate,
  extras: RegistrationExtras = {},
): Promise<StoredTopic> {
  requireWriter(principal);
  assertCanChangeStation(principal, body.stationId);
  assertTopicCategory(body.category);
  const now = services.now();
  // 收集议题 starts with the registration: its deadline is in the answer and in the timeline at once,
  // however soon the first decision follows.
  const calendars = await calendarsInForce();
  const planned = planStep(newTopic(body, now, extras), "collect", now, calendars, 1);
  const created = { at: now.toISOString(), kind: "created", step: "collect" } as const;
  const details = { source: body.source, ...(extras.opinionId ? { opinionId: extras.opinionId } : {}) };
  const references = referencesOf(body);
  const topic = await createTopic(
    planned.topic,
    [{ ...created, actor: actorOf(principal), details }, planned.event],
    references.keys,
    [...tallyOf(planned.topic, 1), ...(extras.alsoWrite?.(planned.topic) ?? [])],
  ).catch((error: unknown) => {
    throw error instanceof MissingReferences ? missingReferenceError(body, references, error) : error;
  });
  try {
    await services.loop.start(
      { topicId: topic.id, step: "collect", resume: false, waitSeconds: entryWait(topic, now, calendars) },
      topic.executionName ?? topic.id,
    );
  } catch (error) {
    logError("the topic loop could not be started for a new topic", { topicId: topic.id }, error);
    // Taken back, so that the client's retry makes one topic, not two. If the execution had
    // started after all (it wrote to the topic), the topic stands.
    if (await withdrawNewTopic(topic, [...tallyOf(topic, -1), ...(extras.alsoWithdraw?.(topic) ?? [])]))
      throw new UnavailableError("topic_loop_unavailable");
  }
  return topic;
}
