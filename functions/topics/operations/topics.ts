/**
 * Topics (议题) through the six-step loop: register, list, read with the timeline, and the decisions
 * staff take — complete a step with its evidence, send back, decline, extend a deadline. A decision
 * is recorded on the topic in one conditional write, then handed to the topic's execution.
 */
import * as z from "zod/mini";
import { assertCanChangeStation, canSeeStation, type Principal, requireWriter } from "../../domain/access";
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from "../../domain/errors";
import { localDateTime } from "../../domain/local-time";
import { normalizeMainlandMobile } from "../../domain/registry/members";
import { parseDeadline } from "../../domain/topics/calendar";
import {
  decideComplete,
  decideExtend,
  decideReject,
  decideReturn,
  type TopicState,
} from "../../domain/topics/lifecycle";
import { stepNames, type TopicStep, topicSteps } from "../../domain/topics/steps";
import { clock } from "../../kernel/clock";
import { config } from "../../kernel/config";
import { id, listQuery } from "../../kernel/contracts";
import { commonErrors } from "../../kernel/http/error-responses";
import type { ApiRequest } from "../../kernel/http/operation";
import { created, defineOperation, ok, versionTag } from "../../kernel/http/operation";
import { parseInput } from "../../kernel/http/validation";
import { expectedVersion } from "../../kernel/http/versioning";
import { newId } from "../../kernel/ids";
import { logError } from "../../kernel/log";
import { defaultNotifier } from "../../notices/outbox";
import { visibleMemberStations } from "../../registry/member-stations";
import type { Topic } from "../../registry/responses";
import { findMember } from "../../registry/store/members";
import { getStation } from "../../registry/store/stations";
import {
  deadlineExtension,
  maxEvidenceBytesPerStep,
  stepEvidence,
  type TopicCreate,
  topicCreate,
  topicReject,
  topicReturn,
} from "../contracts";
import { deliverDecision, startTopicLoop } from "../loop/step-functions";
import { deliverPending, policyOf, taskContext } from "../loop/tasks";
import { addresseeOf } from "../recipients";
import {
  createTopic,
  type Decision,
  getTopic,
  listTopics,
  type NewTopicEvent,
  type StoredTopic,
  saveTopic,
  topicTimeline,
  withdrawNewTopic,
} from "../store/topics";
import { describeEvent } from "../timeline";

/** Stations whose topics the caller may read; undefined means all (admin). */
async function readableStations(principal: Principal): Promise<readonly string[] | undefined> {
  if (principal.role === "admin") return undefined;
  if (principal.role === "staff") return principal.stationIds;
  return visibleMemberStations(principal);
}

/** A topic the caller may not see answers exactly as an absent one: its existence is not disclosed. */
async function readVisibleTopic(principal: Principal, topicId: string): Promise<StoredTopic> {
  const topic = await getTopic(topicId);
  if (!canSeeStation(principal, topic.stationId, await visibleMemberStations(principal)))
    throw new NotFoundError("topic", topicId);
  return topic;
}

export function presentTopic(topic: StoredTopic, now: Date, language: ApiRequest["language"]): Topic {
  return {
    id: topic.id,
    stationId: topic.stationId,
    title: topic.title,
    description: topic.description,
    source: topic.source as Topic["source"],
    responsible: topic.responsible,
    stepResponsible: topic.stepResponsible,
    status: topic.status,
    ...(topic.closedAs ? { closedAs: topic.closedAs } : {}),
    ...(topic.closedAt ? { closedAt: topic.closedAt } : {}),
    step: topic.step,
    stepName: stepNames[topic.step][language],
    ...(topic.stepStartedAt ? { stepStartedAt: topic.stepStartedAt } : {}),
    ...(topic.deadline ? { deadline: topic.deadline } : {}),
    overdue: topic.status === "open" && topic.deadline !== undefined && new Date(topic.deadline) < now,
    extensions: topic.extensions,
    returns: topic.returns,
    evidence: topic.evidence,
    version: topic.version,
    createdAt: topic.createdAt,
    updatedAt: topic.updatedAt,
  };
}

const stateOf = (topic: StoredTopic): TopicState => ({
  status: topic.status,
  ...(topic.closedAs ? { closedAs: topic.closedAs } : {}),
  step: topic.step,
  returns: topic.returns,
  extensions: topic.extensions,
});

const actorOf = (principal: Principal) => ({
  subject: principal.subject,
  ...(principal.name ? { name: principal.name } : {}),
});

async function newTopic(body: TopicCreate, now: Date): Promise<StoredTopic> {
  const people = [body.responsible, ...Object.values(body.responsibles ?? {})];
  for (const [index, person] of people.entries()) {
    if (person?.memberId && !(await findMember(person.memberId))) {
      const field = index === 0 ? "responsible.memberId" : "responsibles";
      throw new ValidationError([
        { field, code: "member_not_found", message: "member_not_found", params: { id: person.memberId } },
      ]);
    }
  }
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

interface DecisionPlan {
  readonly outcome: Decision["outcome"];
  readonly change: (topic: StoredTopic) => StoredTopic;
  readonly events: readonly NewTopicEvent[];
}

/** How many times a decision is re-read and re-checked when background work touched the topic. */
const decisionAttempts = 6;

/**
 * Records a decision and hands it to the execution. The write is conditioned on the version read,
 * so of two identical decisions one lands and the other, re-checked, answers 409.
 */
async function takeDecision(
  request: ApiRequest,
  principal: Principal,
  plan: (topic: StoredTopic, now: Date) => DecisionPlan,
): Promise<StoredTopic> {
  requireWriter(principal);
  const topicId = request.pathParameters.topicId ?? "";
  const ifMatch = expectedVersion(request, undefined);
  for (let attempt = 0; ; attempt++) {
    const topic = await readVisibleTopic(principal, topicId);
    assertCanChangeStation(principal, topic.stationId);
    if (ifMatch !== undefined && topic.version !== ifMatch)
      throw new ConflictError("version_mismatch", topic.version);
    if (topic.status === "open" && (topic.pendingDecision || topic.enteredSeq !== topic.stepSeq)) {
      // A decision is still on its way to the execution: give it another push, then say so.
      if (topic.pendingDecision && topic.taskToken)
        await handOver(topic.id, topic.taskToken, topic.pendingDecision);
      throw new ConflictError("step_in_transition", topic.version);
    }
    const now = clock().now();
    const { outcome, change, events } = plan(topic, now);
    const decision: Decision = {
      outcome,
      step: topic.step,
      decidedAt: topic.step,
      seq: topic.decisionSeq + 1,
    };
    const token = topic.taskToken;
    let saved: StoredTopic;
    try {
      saved = await saveTopic(
        topic,
        (current) => {
          // The token stays until the decision is known delivered (deliverPending drops both), so
          // that a delivery that failed here can be pushed again.
          const next = change(current);
          return { ...next, decisionSeq: decision.seq, pendingDecision: { ...decision, step: next.step } };
        },
        events,
        now,
      );
    } catch (error) {
      // Lost a race (perhaps only with the loop's bookkeeping): read again; an If-Match is checked
      // again against what a person changed meanwhile.
      const retry = error instanceof ConflictError && attempt < decisionAttempts - 1;
      if (retry) continue;
      throw error;
    }
    const pending = saved.pendingDecision;
    if (token && pending) await handOver(saved.id, token, pending);
    // Otherwise the execution takes the decision when it next parks a token (tasks.awaitStep).
    return saved;
  }
}

/**
 * Hands a recorded decision to the waiting execution. The decision is committed already, so no
 * failure here may fail the request: a stale token means the execution will take it when it next
 * waits; anything else (a throttle, a network error) is logged, and the next request on the topic,
 * or the execution's next wake-up, delivers it.
 */
async function handOver(topicId: string, token: string, decision: Decision): Promise<void> {
  try {
    await deliverPending(taskContext(defaultNotifier()), topicId, token, decision);
  } catch (error) {
    logError(
      "decision recorded but not handed to the topic loop yet",
      { topicId, decisionSeq: decision.seq },
      error,
    );
  }
}

/**
 * After an extension: the person responsible is told the new deadline, and the waiting execution is
 * woken to plan its alarms afresh (it may be asleep until an escalation of the old deadline). The
 * extension is committed already, so neither may fail the request.
 */
async function announceExtension(topic: StoredTopic, reason: string): Promise<void> {
  try {
    const responsible = topic.stepResponsible[topic.step] ?? topic.responsible;
    const addressee = await addresseeOf(responsible);
    const language = addressee.recipient.language ?? config().defaultLanguage;
    await defaultNotifier().send({
      ...addressee,
      templateId: "deadline_extended",
      topicId: topic.id,
      idempotencyKey: `${topic.id}:${topic.stepSeq}:extended:${topic.extensions}`,
      variables: {
        recipientName: addressee.recipient.name,
        title: topic.title,
        stepName: stepNames[topic.step][language],
        deadline: topic.deadline ? localDateTime(topic.deadline, config().timeZone) : "",
        reason,
      },
    });
    if (topic.taskToken && !topic.pendingDecision) {
      // A stale token is fine: the execution is awake already and will plan with the new deadline.
      await deliverDecision(topic.taskToken, { topicId: topic.id, outcome: "rearm", step: topic.step });
    }
  } catch (error) {
    logError("deadline extended, but the notice or the loop's re-arm failed", { topicId: topic.id }, error);
  }
}

/** The step entered next time: a new entry of a step gets fresh deadlines and alarms. */
const enterNext = (topic: StoredTopic, step: TopicStep): StoredTopic => ({
  ...topic,
  step,
  stepSeq: topic.stepSeq + 1,
  extensions: 0,
  alarmsSent: [],
});

/** Tells the people who raised the topic how it ended (each once: the key makes a repeat a no-op). */
async function tellSources(
  topic: StoredTopic,
  templateId: "topic_rejected" | "topic_closed",
  reason: string,
) {
  const collected = topic.evidence.collect as { raisedBy?: { name: string; contact?: string }[] } | undefined;
  const notifier = defaultNotifier();
  for (const [index, person] of (collected?.raisedBy ?? []).entries()) {
    const contact = person.contact ?? "";
    const phone = normalizeMainlandMobile(contact);
    const addressee = await addresseeOf({
      name: person.name,
      ...(contact.includes("@") ? { email: contact } : phone ? { phone } : {}),
    });
    try {
      await notifier.send({
        ...addressee,
        templateId,
        topicId: topic.id,
        idempotencyKey: `${topic.id}:${templateId}:${index}`,
        variables: { recipientName: person.name, title: topic.title, reason },
      });
    } catch (error) {
      // The topic is closed already; a notice that failed is in the log for a person to follow up.
      logError("the source of a closed topic could not be told", { topicId: topic.id, templateId }, error);
    }
  }
}

const topicListQuery = z.strictObject({
  ...listQuery.shape,
  stationId: z.optional(id),
  step: z.optional(z.enum(topicSteps)),
  status: z.optional(z.enum(["open", "closed"])),
  overdue: z.optional(z.enum(["true", "false"])),
});

const topicErrors = commonErrors(400, 403, 404, 409);

export const topicOperations = [
  defineOperation({
    route: "POST /topics",
    operationId: "createTopic",
    summary: "登记议题 · Register a topic (it starts at 收集议题)",
    tag: "topics",
    body: topicCreate,
    responses: [
      { status: 201, description: "Registered; its loop has started", schema: "Topic" },
      ...topicErrors,
      ...commonErrors(503),
    ],
    async handle({ request, principal, body }) {
      requireWriter(principal);
      assertCanChangeStation(principal, body.stationId);
      await getStation(body.stationId);
      const now = clock().now();
      const topic = await createTopic(await newTopic(body, now), [
        {
          at: now.toISOString(),
          kind: "created",
          step: "collect",
          actor: actorOf(principal),
          details: { source: body.source },
        },
      ]);
      try {
        await startTopicLoop(
          { topicId: topic.id, step: "collect", resume: false },
          topic.executionName ?? topic.id,
        );
      } catch (error) {
        logError("the topic loop could not be started for a new topic", { topicId: topic.id }, error);
        // Taken back, so that the client's retry makes one topic, not two. If the execution had
        // started after all (it wrote to the topic), the topic stands and the answer is 201.
        if (await withdrawNewTopic(topic)) throw new UnavailableError("topic_loop_unavailable");
      }
      return created(presentTopic(topic, now, request.language), {
        ...versionTag(topic.version),
        location: `/topics/${topic.id}`,
      });
    },
  }),
  defineOperation({
    route: "GET /topics",
    operationId: "listTopics",
    summary: "议题列表 · List topics (by station, step, status, overdue)",
    tag: "topics",
    query: topicListQuery,
    responses: [
      { status: 200, description: "A page of topics", schema: "TopicPage" },
      ...commonErrors(400, 404),
    ],
    async handle({ request, principal, query }) {
      const readable = await readableStations(principal);
      if (query.stationId && readable && !readable.includes(query.stationId)) {
        throw new NotFoundError("station", query.stationId);
      }
      const now = clock().now();
      const page = await listTopics(
        {
          ...(query.stationId ? { stationId: query.stationId } : {}),
          ...(readable && !query.stationId ? { stationIds: readable } : {}),
          ...(query.step ? { step: query.step } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.overdue === "true" ? { overdueAt: now } : {}),
        },
        { limit: query.limit ?? 50, cursor: query.cursor },
      );
      return ok({
        items: page.items.map((topic) => presentTopic(topic, now, request.language)),
        cursor: page.cursor,
      });
    },
  }),
  defineOperation({
    route: "GET /topics/{topicId}",
    operationId: "getTopic",
    summary: "议题详情与全过程记录 · A topic with its timeline",
    tag: "topics",
    responses: [
      { status: 200, description: "The topic and its timeline", schema: "TopicDetail" },
      ...topicErrors,
    ],
    async handle({ request, principal }) {
      const topic = await readVisibleTopic(principal, request.pathParameters.topicId ?? "");
      const timeline = await topicTimeline(topic.id);
      return ok(
        {
          ...presentTopic(topic, clock().now(), request.language),
          timeline: timeline.map((event) => ({ ...event, text: describeEvent(event, request.language) })),
        },
        versionTag(topic.version),
      );
    },
  }),
  defineOperation({
    route: "POST /topics/{topicId}/steps/{step}/complete",
    operationId: "completeStep",
    summary: "完成当前环节（附该环节材料） · Complete the current step with its evidence",
    description:
      "The body is the evidence of the step in the path: collect (summary, raisedBy), determine (decision, format, reason), research (visits, findings), consult (meeting), report (summary, sentTo, sentOn), feedback (responses, feedbackToSource). 409 when the step is not the current one.",
    tag: "topics",
    // Checked against the step in the path in the handler, so that errors name that step's fields.
    body: z.record(z.string(), z.unknown()),
    documentedBody: z.union(Object.values(stepEvidence)),
    responses: [
      { status: 200, description: "Completed; the topic moved on", schema: "Topic" },
      ...topicErrors,
    ],
    async handle({ request, principal, body }) {
      const step = request.pathParameters.step ?? "";
      if (!(topicSteps as readonly string[]).includes(step)) throw new NotFoundError("route", step);
      // The union above only says the body is some step's evidence; it must be this step's.
      const evidence = parseInput(stepEvidence[step as TopicStep], body);
      const bytes = Buffer.byteLength(JSON.stringify(evidence), "utf8");
      if (bytes > maxEvidenceBytesPerStep) {
        throw new ValidationError([
          {
            field: "body",
            code: "evidence_too_large",
            message: "evidence_too_large",
            params: { max: Math.floor(maxEvidenceBytesPerStep / 1024), size: Math.ceil(bytes / 1024) },
          },
        ]);
      }
      const saved = await takeDecision(request, principal, (topic, now) => {
        const decided = decideComplete(stateOf(topic), step as TopicStep);
        const at = now.toISOString();
        const completed: NewTopicEvent = {
          at,
          kind: "step_completed",
          step: topic.step,
          actor: actorOf(principal),
        };
        if ("close" in decided) {
          return {
            outcome: "close",
            change: (t) => ({
              ...t,
              evidence: { ...t.evidence, [step]: evidence },
              status: "closed",
              closedAs: "completed",
              closedAt: at,
            }),
            events: [completed, { at, kind: "closed", step: topic.step, details: { closedAs: "completed" } }],
          };
        }
        return {
          outcome: "advance",
          change: (t) => enterNext({ ...t, evidence: { ...t.evidence, [step]: evidence } }, decided.next),
          events: [completed],
        };
      });
      if (saved.status === "closed") await tellSources(saved, "topic_closed", "");
      return ok(presentTopic(saved, clock().now(), request.language), versionTag(saved.version));
    },
  }),
  defineOperation({
    route: "POST /topics/{topicId}/return",
    operationId: "returnTopic",
    summary: "退回到之前的环节 · Send the topic back to an earlier step",
    tag: "topics",
    body: topicReturn,
    responses: [{ status: 200, description: "Sent back", schema: "Topic" }, ...topicErrors],
    async handle({ request, principal, body }) {
      const saved = await takeDecision(request, principal, (topic, now) => {
        const decided = decideReturn(stateOf(topic), body.toStep, policyOf(topic));
        return {
          outcome: "return",
          change: (t) => enterNext({ ...t, returns: decided.returns }, decided.step),
          events: [
            {
              at: now.toISOString(),
              kind: "returned",
              step: topic.step,
              actor: actorOf(principal),
              details: { toStep: body.toStep, reason: body.reason },
            },
          ],
        };
      });
      return ok(presentTopic(saved, clock().now(), request.language), versionTag(saved.version));
    },
  }),
  defineOperation({
    route: "POST /topics/{topicId}/reject",
    operationId: "rejectTopic",
    summary: "不予采纳（仅「确定议题」环节） · Decline the topic (only while determining it)",
    tag: "topics",
    body: topicReject,
    responses: [
      { status: 200, description: "Declined and closed; the source is told", schema: "Topic" },
      ...topicErrors,
    ],
    async handle({ request, principal, body }) {
      const saved = await takeDecision(request, principal, (topic, now) => {
        decideReject(stateOf(topic));
        const at = now.toISOString();
        return {
          outcome: "close",
          change: (t) => ({ ...t, status: "closed", closedAs: "rejected", closedAt: at }),
          events: [
            {
              at,
              kind: "rejected",
              step: topic.step,
              actor: actorOf(principal),
              details: { reason: body.reason },
            },
            { at, kind: "closed", step: topic.step, details: { closedAs: "rejected" } },
          ],
        };
      });
      await tellSources(saved, "topic_rejected", body.reason);
      return ok(presentTopic(saved, clock().now(), request.language), versionTag(saved.version));
    },
  }),
  defineOperation({
    route: "PATCH /topics/{topicId}/deadline",
    operationId: "extendDeadline",
    summary: "延长当前环节期限 · Extend the current step's deadline, with a reason",
    tag: "topics",
    body: deadlineExtension,
    responses: [{ status: 200, description: "Extended", schema: "Topic" }, ...topicErrors],
    async handle({ request, principal, body }) {
      requireWriter(principal);
      const ifMatch = expectedVersion(request, undefined);
      for (let attempt = 0; ; attempt++) {
        const topic = await readVisibleTopic(principal, request.pathParameters.topicId ?? "");
        assertCanChangeStation(principal, topic.stationId);
        if (ifMatch !== undefined && topic.version !== ifMatch)
          throw new ConflictError("version_mismatch", topic.version);
        if (topic.status === "open" && (!topic.deadline || topic.enteredSeq !== topic.stepSeq)) {
          throw new ConflictError("step_in_transition", topic.version);
        }
        const requested = parseDeadline(body.deadline, config().timeZone);
        if (!requested) {
          throw new ValidationError([
            { field: "deadline", code: "invalid_deadline", message: "invalid_deadline" },
          ]);
        }
        const current = new Date(topic.deadline ?? 0);
        const decided = decideExtend(stateOf(topic), current, requested, policyOf(topic));
        const now = clock().now();
        try {
          const saved = await saveTopic(
            topic,
            (t) => ({
              ...t,
              deadline: decided.deadline.toISOString(),
              deadlineSetAt: now.toISOString(),
              extensions: decided.extensions,
            }),
            [
              {
                at: now.toISOString(),
                kind: "deadline_extended",
                step: topic.step,
                actor: actorOf(principal),
                details: { from: topic.deadline, to: decided.deadline.toISOString(), reason: body.reason },
              },
            ],
            now,
          );
          await announceExtension(saved, body.reason);
          return ok(presentTopic(saved, now, request.language), versionTag(saved.version));
        } catch (error) {
          if (error instanceof ConflictError && attempt < decisionAttempts - 1) continue;
          throw error;
        }
      }
    },
  }),
];
