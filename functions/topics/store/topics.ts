/**
 * Topics in the table. The topic item is only ever written whole, conditioned on its version, together
 * with the timeline events the change produced — so the API and the workflow's tasks can race on a
 * topic and exactly one change of a given version lands, with its events.
 */
import { type TransactWriteItem, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ConflictError, NotFoundError, StaleWriteError } from "../../domain/errors";
import type { RestartStreak } from "../../domain/topics/recovery";
import type { TopicStep } from "../../domain/topics/steps";
import { dynamodb, tableName } from "../../kernel/table/client";
import { getItem, type Page, queryAll, queryPage, toItem } from "../../kernel/table/items";
import {
  collections,
  topicEventKey,
  topicIndexKeys,
  topicKey,
  topicsOfStation,
} from "../../kernel/table/keys";
import { asThrottle, isConditionFailure, writeTransaction } from "../../kernel/table/transaction";

export interface Person {
  readonly name: string;
  readonly memberId?: string;
  readonly phone?: string;
  readonly email?: string;
}

/** A decision taken through the API that the topic's execution has not yet received. */
export interface Decision {
  readonly outcome: "advance" | "return" | "close";
  /** The step the execution goes to next (the current one when closing). */
  readonly step: TopicStep;
  /** The step the decision was taken on. */
  readonly decidedAt: TopicStep;
  readonly seq: number;
}

export interface StoredTopic {
  readonly id: string;
  readonly stationId: string;
  readonly title: string;
  readonly description: string;
  readonly source: string;
  readonly responsible: Person;
  readonly stepResponsible: Partial<Record<TopicStep, Person>>;
  /** Per-step deadline overrides (policy durations), set at creation. */
  readonly deadlineOverrides: Partial<Record<TopicStep, { amount: number; unit: "days" | "workingDays" }>>;
  readonly status: "open" | "closed";
  readonly closedAs?: "completed" | "rejected";
  readonly closedAt?: string;
  readonly step: TopicStep;
  /** Counts step entries (returns enter a step again), keying each entry's alarms and notices. */
  readonly stepSeq: number;
  /**
   * The last entry started (deadline set, responsible told): the registration enters 收集议题, a
   * decision the step it moves the topic to. Behind stepSeq only for a topic written before they did
   * (decision 0006), until the loop enters that step.
   */
  readonly enteredSeq: number;
  readonly stepStartedAt?: string;
  readonly deadline?: string;
  readonly extensions: number;
  readonly returns: number;
  /**
   * Years the current deadline was counted through without their official holiday calendar (an
   * estimate); absent when none. Re-planned when the calendar is loaded.
   */
  readonly deadlineEstimatedYears?: readonly number[];
  /** When the current deadline was set (step planned or entered, or deadline extended). */
  readonly deadlineSetAt?: string;
  /**
   * The entry (stepSeq) whose start and deadline are already planned: a decision plans (and enters)
   * the next step at once, so its answer shows it; a decision recorded before decisions entered their
   * steps left the entry to the loop, which keeps that plan.
   */
  readonly plannedSeq?: number;
  /** Alarms already sent during the current entry of the step, with the deadline each was for. */
  readonly alarmsSent: readonly { readonly key: string; readonly deadline: string }[];
  /** The sweeper's restarts of this entry after failed executions, for its back-off (decision 0026). */
  readonly restarts?: RestartStreak;
  /** Wake-ups of the current execution, to hand over before the history grows long. */
  readonly wakeUps: number;
  readonly evidence: Partial<Record<TopicStep, unknown>>;
  readonly eventSeq: number;
  readonly decisionSeq: number;
  /** What clients see (ETag, If-Match): bumped by every change a person would notice. */
  readonly version: number;
  /**
   * Every write, the loop's bookkeeping included (parking a token, counting wake-ups, recording the
   * alarms sent): what writes are conditioned on, so that bookkeeping never makes a client's ETag stale.
   * Absent on topics written before it existed.
   */
  readonly revision?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Never leaves the store through the API. */
  readonly taskToken?: string;
  readonly pendingDecision?: Decision;
  readonly executionName?: string;
  /** Its category (党政要事, 民生实事, …: the configured ids), counted in the station's tally. */
  readonly category?: string;
  /** The year of the station's tally that counts the topic (absent on topics registered before tallies). */
  readonly tallyYear?: number;
  /** The county date it counts on, for the quarter (absent on topics registered before quarters were counted). */
  readonly tallyDate?: string;
  /** The 社情民意 item it was promoted from. */
  readonly opinionId?: string;
  /** The people who raised it before the loop began (a promoted item's submitter): told the outcome. */
  readonly sourcePeople?: readonly Person[];
}

export type TopicEventKind =
  | "created"
  | "step_started"
  | "step_completed"
  | "returned"
  | "rejected"
  | "closed"
  | "deadline_extended"
  | "deadline_replanned"
  | "reminder_sent"
  | "escalated"
  | "category_changed";

export interface TopicEvent {
  readonly seq: number;
  readonly at: string;
  readonly kind: TopicEventKind;
  readonly step: TopicStep;
  readonly actor?: { readonly subject: string; readonly name?: string };
  readonly details?: Readonly<Record<string, unknown>>;
}

export type NewTopicEvent = Omit<TopicEvent, "seq">;

const topicEntity = "topic";

function putTopic(
  topic: StoredTopic,
  condition: TransactWriteItem["Put"] extends infer P ? Partial<P> : never,
) {
  return {
    Put: {
      TableName: tableName(),
      Item: toItem(
        topic,
        { ...topicKey(topic.id), ...topicIndexKeys(topic.id, topic.stationId) },
        topicEntity,
      ),
      ...condition,
    },
  } satisfies TransactWriteItem;
}

function putEvents(topicId: string, firstSeq: number, events: readonly NewTopicEvent[]): TransactWriteItem[] {
  return events.map((event, index) => {
    const seq = firstSeq + index;
    return {
      Put: {
        TableName: tableName(),
        Item: toItem({ ...event, seq }, topicEventKey(topicId, seq), "topicEvent"),
        ConditionExpression: "attribute_not_exists(PK)",
      },
    };
  });
}

/** Items a new topic refers to that were not there: their positions in `mustExist`. */
export class MissingReferences extends Error {
  override readonly name = "MissingReferences";
  constructor(readonly positions: readonly number[]) {
    super(`missing references at ${positions.join(", ")}`);
  }
}

/**
 * Writes a new topic with its first events, in one transaction that also checks the items it refers
 * to (its station, the members it names) exist — one request instead of a read for each. Throws
 * MissingReferences naming the ones that do not, and writes nothing. `alsoWrite` commits with it
 * (its tally, the item it was promoted from); when only one of those is refused, CompanionWriteRefused.
 */
export async function createTopic(
  topic: StoredTopic,
  events: readonly NewTopicEvent[],
  mustExist: readonly Record<string, string>[] = [],
  alsoWrite: readonly TransactWriteItem[] = [],
): Promise<StoredTopic> {
  const stored = { ...topic, eventSeq: events.length, revision: 1 };
  const writes: TransactWriteItem[] = [
    putTopic(stored, { ConditionExpression: "attribute_not_exists(PK)" }),
    ...putEvents(topic.id, 1, events),
  ];
  const checks = mustExist.map(
    (key): TransactWriteItem => ({
      ConditionCheck: {
        TableName: tableName(),
        Key: marshall(key),
        ConditionExpression: "attribute_exists(PK)",
      },
    }),
  );
  const outcome = await writeTransaction([...writes, ...checks, ...alsoWrite]);
  if (outcome.committed) return stored;
  const missing = mustExist.map((_, index) => index).filter((index) => outcome.failed[writes.length + index]);
  if (missing.length) throw new MissingReferences(missing);
  const companions = outcome.failed.slice(writes.length + checks.length);
  if (!outcome.failed.slice(0, writes.length).some(Boolean) && companions.some(Boolean))
    throw new CompanionWriteRefused(companions.flatMap((failed, position) => (failed ? [position] : [])));
  throw new ConflictError("already_exists");
}

/**
 * Takes back a topic just created whose execution could not be started, with its first events —
 * unless anything has written to it since (then its execution did start, and the topic stands).
 * True when it was taken back.
 */
export async function withdrawNewTopic(
  topic: StoredTopic,
  alsoWrite: readonly TransactWriteItem[] = [],
): Promise<boolean> {
  const outcome = await writeTransaction([
    {
      Delete: {
        TableName: tableName(),
        Key: marshall(topicKey(topic.id)),
        ConditionExpression: "revision = :revision",
        ExpressionAttributeValues: marshall({ ":revision": topic.revision ?? 1 }),
      },
    },
    ...Array.from({ length: topic.eventSeq }, (_, index) => ({
      Delete: { TableName: tableName(), Key: marshall(topicEventKey(topic.id, index + 1)) },
    })),
    ...alsoWrite,
  ]);
  return outcome.committed;
}

export async function findTopic(topicId: string): Promise<StoredTopic | undefined> {
  return getItem<StoredTopic>(topicKey(topicId));
}

export async function getTopic(topicId: string): Promise<StoredTopic> {
  const topic = await findTopic(topicId);
  if (!topic) throw new NotFoundError("topic", topicId);
  return topic;
}

/** A write committed with a topic's change was refused by its own condition (the topic's was met). */
export class CompanionWriteRefused extends Error {
  override readonly name = "CompanionWriteRefused";
  /** Positions in `alsoWrite` of the writes refused. */
  constructor(readonly positions: readonly number[]) {
    super(`writes refused at ${positions.join(", ")}`);
  }
}

/**
 * Writes `next` in place of `current` with the events the change produced (and `alsoWrite`, items the
 * change brings with it, such as its notices), if nobody changed the topic since `current` was read;
 * otherwise throws ConflictError("version_mismatch") with the version now stored, and writes nothing.
 * When only a write of `alsoWrite` is refused, throws CompanionWriteRefused, and writes nothing.
 * A `bookkeeping` write (the loop's own state) keeps the version.
 */
export async function saveTopic(
  current: StoredTopic,
  change: (topic: StoredTopic) => StoredTopic,
  events: readonly NewTopicEvent[],
  now: Date,
  options: { readonly bookkeeping?: boolean; readonly alsoWrite?: readonly TransactWriteItem[] } = {},
): Promise<StoredTopic> {
  const revision = current.revision ?? current.version;
  const changed = change(current);
  const next: StoredTopic = {
    ...changed,
    version: options.bookkeeping ? current.version : current.version + 1,
    revision: revision + 1,
    eventSeq: current.eventSeq + events.length,
    updatedAt: options.bookkeeping ? current.updatedAt : now.toISOString(),
  };
  const ownWrites = [
    putTopic(next, {
      ConditionExpression: "revision = :revision OR (attribute_not_exists(revision) AND version = :version)",
      ExpressionAttributeValues: marshall({ ":revision": revision, ":version": current.version }),
    }),
    ...putEvents(current.id, current.eventSeq + 1, events),
  ];
  const outcome = await writeTransaction([...ownWrites, ...(options.alsoWrite ?? [])]);
  if (outcome.committed) return next;
  if (!outcome.failed.slice(0, ownWrites.length).some(Boolean)) {
    const refused = outcome.failed.slice(ownWrites.length);
    throw new CompanionWriteRefused(refused.flatMap((failed, position) => (failed ? [position] : [])));
  }
  // Report the version now stored (what a client's next If-Match must carry), not the stale one.
  throw new StaleWriteError((await findTopic(current.id))?.version);
}

/**
 * Parks a waiting execution's token on the topic in one conditional update, without reading it first:
 * only while the topic is open at `step` and that entry is entered. A decision still recorded as on
 * its way to `step` (the one that moved the topic there) has arrived with this execution: it goes.
 * False when any of that is not so, or a decision taken at `step` waits (the caller reads the topic to
 * see why), or on a topic written before revisions existed. Bumps the revision, like every write, so
 * that writers who read before it re-read.
 */
export async function parkTaskToken(
  topicId: string,
  step: TopicStep,
  taskToken: string,
  executionName?: string,
): Promise<boolean> {
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(topicKey(topicId)),
        // The execution parking is the one carrying the topic now (the sweeper asks about it).
        UpdateExpression: `SET taskToken = :token, revision = revision + :one${executionName ? ", executionName = :name" : ""} REMOVE pendingDecision`,
        ConditionExpression:
          "#status = :open AND #step = :step AND enteredSeq = stepSeq AND attribute_exists(revision) AND " +
          "(attribute_not_exists(pendingDecision) OR (pendingDecision.#step = :step AND pendingDecision.decidedAt <> :step))",
        ExpressionAttributeNames: { "#status": "status", "#step": "step" },
        ExpressionAttributeValues: marshall({
          ":token": taskToken,
          ...(executionName ? { ":name": executionName } : {}),
          ":one": 1,
          ":open": "open",
          ":step": step,
        }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw asThrottle(error) ?? error;
  }
}

export async function topicTimeline(topicId: string): Promise<TopicEvent[]> {
  return queryAll<TopicEvent>({
    partition: { name: "PK", value: topicKey(topicId).PK },
    sortKeyPrefix: { name: "SK", value: "EVENT#" },
  });
}

export interface TopicFilter {
  readonly stationId?: string;
  /**
   * Only topics of these stations (a staff user's or a member's) or these topics (those a member
   * takes part in by invitation); at most 100 of each.
   */
  readonly readable?: { readonly stationIds: readonly string[]; readonly topicIds: readonly string[] };
  readonly step?: TopicStep;
  readonly status?: "open" | "closed";
  readonly category?: string;
  /** Open topics whose current deadline has passed at this instant. */
  readonly overdueAt?: Date;
}

/** `#stationId IN (…) OR #id IN (…)` for what the caller may read, its values added; none: nothing. */
function readableClause(
  readable: NonNullable<TopicFilter["readable"]>,
  values: Record<string, unknown>,
): string | undefined {
  const list = (ids: readonly string[], prefix: string) =>
    ids.slice(0, 100).map((id, index) => {
      values[`:${prefix}${index}`] = id;
      return `:${prefix}${index}`;
    });
  const stations = list(readable.stationIds, "station");
  const topics = list(readable.topicIds, "topic");
  const either = [
    ...(stations.length ? [`#stationId IN (${stations.join(", ")})`] : []),
    ...(topics.length ? [`#id IN (${topics.join(", ")})`] : []),
  ];
  return either.length ? `(${either.join(" OR ")})` : undefined;
}

export async function listTopics(
  filter: TopicFilter,
  page: { limit: number; cursor: string | undefined },
): Promise<Page<StoredTopic>> {
  const clauses: string[] = [];
  const values: Record<string, unknown> = {};
  if (filter.readable) {
    const clause = readableClause(filter.readable, values);
    if (!clause) return { items: [], cursor: null };
    clauses.push(clause);
  }
  if (filter.step) {
    clauses.push("#step = :step");
    values[":step"] = filter.step;
  }
  if (filter.status) {
    clauses.push("#status = :status");
    values[":status"] = filter.status;
  }
  if (filter.category) {
    clauses.push("#category = :category");
    values[":category"] = filter.category;
  }
  if (filter.overdueAt) {
    clauses.push("#status = :open AND #deadline < :now");
    values[":open"] = "open";
    values[":now"] = filter.overdueAt.toISOString();
  }
  const byStation = filter.stationId !== undefined;
  return queryPage<StoredTopic>({
    index: byStation ? "GSI2" : "GSI1",
    partition: byStation
      ? { name: "GSI2PK", value: topicsOfStation(filter.stationId ?? "") }
      : { name: "GSI1PK", value: collections.topics },
    filter: clauses.length ? { expression: clauses.join(" AND "), values } : undefined,
    limit: page.limit,
    cursor: page.cursor,
  });
}

/** What a restart does to the sweeper's streak: records the new one, clears it (a re-drive), or keeps it. */
export type StreakChange = RestartStreak | "clear" | "keep";

/**
 * Records the execution now carrying the topic (a recovery started one): what the next sweep asks
 * about. Only while the topic is open and still names the execution the recovery judged (`seen`;
 * none: it named none), so that two recoveries racing start one execution; bumps the revision like
 * every write. False when the topic changed meanwhile.
 */
export async function recordExecutionName(
  topicId: string,
  executionName: string,
  seen: string | undefined,
  streak: StreakChange,
): Promise<boolean> {
  const set = "SET executionName = :name, revision = if_not_exists(revision, :zero) + :one";
  const update =
    streak === "keep" ? set : streak === "clear" ? `${set} REMOVE restarts` : `${set}, restarts = :restarts`;
  try {
    await dynamodb().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(topicKey(topicId)),
        UpdateExpression: update,
        ConditionExpression: `#status = :open AND ${seen ? "executionName = :seen" : "attribute_not_exists(executionName)"}`,
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: marshall({
          ":name": executionName,
          ":zero": 0,
          ":one": 1,
          ":open": "open",
          ...(seen ? { ":seen": seen } : {}),
          ...(typeof streak === "object" ? { ":restarts": streak } : {}),
        }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw asThrottle(error) ?? error;
  }
}

/** Every open topic: the sweeper's (and the local start-up's) list to check. */
export async function openTopics(): Promise<StoredTopic[]> {
  return queryAll<StoredTopic>({
    index: "GSI1",
    partition: { name: "GSI1PK", value: collections.topics },
    filter: { expression: "#status = :open", values: { ":open": "open" } },
  });
}
