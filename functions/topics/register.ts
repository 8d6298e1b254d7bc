/** Registering a topic (登记议题): it starts at 收集议题, and its execution starts with it. */
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { tallyWrite } from "../activities/store/tally";
import { assertCanChangeStation, type Principal, requireWriter } from "../domain/access";
import { type FieldProblem, NotFoundError, UnavailableError, ValidationError } from "../domain/errors";
import { withdrawal } from "../domain/quota/tally";
import { localDate, yearOf } from "../domain/topics/calendar";
import { topicTallyDelta } from "../domain/topics/categories";
import { config } from "../kernel/config";
import { newId } from "../kernel/ids";
import { logError } from "../kernel/log";
import { membershipKey, stationKey } from "../kernel/table/keys";
import { notificationWithdrawal } from "../notices/store";
import type { StoredMember } from "../registry/member-view";
import { getMembers } from "../registry/store/members";
import { assertTopicCategory } from "./categories";
import type { TopicCreate } from "./contracts";
import { entryNotice } from "./entry-notice";
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

/** A member named responsible, for the topic (`responsible`) or one step (`responsibles.<step>`). */
interface NamedMember {
  readonly field: string;
  readonly memberId: string;
  readonly name: string;
}

function membersNamed(body: TopicCreate): NamedMember[] {
  const people: [string, Person | undefined][] = [
    ["responsible", body.responsible],
    ...Object.entries(body.responsibles ?? {}).map(([step, person]): [string, Person | undefined] => [
      `responsibles.${step}`,
      person,
    ]),
  ];
  return people.flatMap(([field, person]) =>
    person?.memberId ? [{ field, memberId: person.memberId, name: person.name }] : [],
  );
}

/**
 * A member named responsible is the member the notices reach, so the topic must show them under
 * their registered name: an unknown member, or another name beside the id, is a 400 naming the field.
 * The members by id: their names for the problems the transaction may still find, their contacts for
 * the notice of the first step.
 */
async function assertMembersNamed(named: readonly NamedMember[]): Promise<ReadonlyMap<string, StoredMember>> {
  if (named.length === 0) return new Map();
  const registered = new Map((await getMembers(named.map((m) => m.memberId))).map((m) => [m.id, m]));
  const problems = named.flatMap((person): FieldProblem[] => {
    const name = registered.get(person.memberId)?.name;
    if (name === undefined) {
      const params = { id: person.memberId };
      return [
        { field: `${person.field}.memberId`, code: "member_not_found", message: "member_not_found", params },
      ];
    }
    if (name === person.name) return [];
    const mismatch = "responsible_name_mismatch";
    return [{ field: `${person.field}.name`, code: mismatch, message: mismatch, params: { name } }];
  });
  if (problems.length) throw new ValidationError(problems);
  return registered;
}

/** Each member named responsible once, however many steps they answer for. */
const distinctMembers = (named: readonly NamedMember[]) => [...new Set(named.map((m) => m.memberId))];

/**
 * What a new topic refers to and must exist: its station first, then, for each member named
 * responsible, their serving there (委员下沉: a member from elsewhere is invited first, as a station's
 * lead member and a duty shift's member must serve there).
 */
function referencesOf(body: TopicCreate, named: readonly NamedMember[]) {
  return [
    stationKey(body.stationId),
    ...distinctMembers(named).map((id) => membershipKey(body.stationId, id)),
  ];
}

/** The error for the first missing reference: the station (404), else each member not serving there (400). */
function missingReferenceError(
  body: TopicCreate,
  named: readonly NamedMember[],
  members: ReadonlyMap<string, StoredMember>,
  missing: MissingReferences,
): Error {
  if (missing.positions[0] === 0) return new NotFoundError("station", body.stationId);
  const distinct = distinctMembers(named);
  const absent = new Set(missing.positions.map((position) => distinct[position - 1]));
  const code = "responsible_not_serving";
  return new ValidationError(
    named
      .filter((m) => absent.has(m.memberId))
      .map((m) => ({
        field: `${m.field}.memberId`,
        code,
        message: code,
        params: { id: m.memberId, name: members.get(m.memberId)?.name ?? m.name },
      })),
  );
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
    // Entered with the registration (its notice is in the same write): the loop only parks its wait.
    enteredSeq: 1,
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
  const named = membersNamed(body);
  const members = await assertMembersNamed(named);
  // A new topic is written once (its id is new): its first notice needs no guard on its key.
  const notice = services.notifier.prepare(await entryNotice(planned.topic, members), { unique: true });
  const topic = await createTopic(
    planned.topic,
    [{ ...created, actor: actorOf(principal), details }, planned.event],
    referencesOf(body, named),
    [...tallyOf(planned.topic, 1), ...(extras.alsoWrite?.(planned.topic) ?? []), ...notice.writes],
  ).catch((error: unknown) => {
    throw error instanceof MissingReferences ? missingReferenceError(body, named, members, error) : error;
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
    const withdrawn = [
      ...tallyOf(topic, -1),
      ...(extras.alsoWithdraw?.(topic) ?? []),
      ...notificationWithdrawal(notice.record),
    ];
    if (await withdrawNewTopic(topic, withdrawn)) throw new UnavailableError("topic_loop_unavailable");
  }
  // Handed to the senders only now: a topic taken back tells nobody.
  await notice.committed();
  return topic;
}
