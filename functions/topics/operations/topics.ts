/**
 * Topics (议题) over HTTP: register, list, read with the timeline, and the decisions staff take.
 * Each operation validates, calls its use case (register.ts, decide.ts, extend.ts) and presents.
 */
import * as v from "valibot";
import type { Principal } from "../../domain/access";
import { ValidationError } from "../../domain/errors";
import { maskContactsIn, maySeeTopicContacts } from "../../domain/registry/privacy";
import { topicSteps } from "../../domain/topics/steps";
import { clock } from "../../kernel/clock";
import { id, jsonRecord, listQueryEntries, strictObject } from "../../kernel/contracts";
import { commonErrors } from "../../kernel/http/error-responses";
import {
  type ApiRequest,
  created,
  defineOperation,
  documented,
  ok,
  versionTag,
} from "../../kernel/http/operation";
import { parseInput } from "../../kernel/http/validation";
import { expectedVersion } from "../../kernel/http/versioning";
import {
  deadlineExtension,
  maxEvidenceBytesPerStep,
  stepEvidence,
  stepPath,
  topicCategory,
  topicCreate,
  topicPath,
  topicReject,
  topicReturn,
} from "../contracts";
import { completeStep, type DecisionRequest, rejectTopic, returnTopic } from "../decide";
import { extendDeadline } from "../extend";
import { presentTopic } from "../present";
import { redriveTopic } from "../recover";
import { registerTopic } from "../register";
import { defaultRecoveryServices, defaultTopicServices } from "../services";
import { listTopics, type StoredTopic, topicTimeline } from "../store/topics";
import { describeEvent } from "../timeline";
import { readableFilter, readableTopics, readVisibleTopic } from "../visibility";
import { topicColumns } from "./topic-columns";

const services = defaultTopicServices();

const decisionOn = (request: ApiRequest, principal: Principal, topicId: string): DecisionRequest => ({
  principal,
  topicId,
  ifMatch: expectedVersion(request, undefined),
});

const answer = (topic: StoredTopic, request: ApiRequest, principal: Principal) =>
  ok(presentTopic(topic, clock().now(), request.language, principal), versionTag(topic.version));

/** The evidence must be the step's own, and fit the topic's item beside the other steps'. */
function evidenceOf(step: (typeof topicSteps)[number], body: unknown): unknown {
  const evidence = parseInput(stepEvidence[step], body);
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
  return evidence;
}

const topicListQuery = strictObject({
  ...listQueryEntries,
  stationId: v.optional(id),
  step: v.optional(v.picklist(topicSteps)),
  status: v.optional(v.picklist(["open", "closed"])),
  overdue: v.optional(v.picklist(["true", "false"])),
  category: v.optional(topicCategory),
});

const topicErrors = commonErrors(400, 403, 404, 409);

/** A re-drive takes no options: the topic's stored state says where its loop begins. */
const redriveBody = strictObject({});

export const topicOperations = [
  defineOperation({
    route: "POST /topics",
    idempotent: true,
    allow: ["admin", "staff"],
    operationId: "createTopic",
    ...(documented && {
      summary: "登记议题 · Register a topic (it starts at 收集议题)",
      description:
        "A member named responsible (`memberId`, for the topic or a step) must serve at the station (400 `responsible_not_serving`: invite them first) and be named as registered (400 `responsible_name_mismatch`). No name may carry a phone number or e-mail (400 `name_contains_contact`): they have fields of their own.",
      tag: "topics",
      responses: [
        { status: 201, description: "Registered; its loop has started", schema: "Topic" },
        ...topicErrors,
        ...commonErrors(503),
      ],
    }),
    body: topicCreate,
    async handle({ request, principal, body }) {
      const topic = await registerTopic(services, principal, body);
      return created(presentTopic(topic, clock().now(), request.language, principal), {
        ...versionTag(topic.version),
        location: `/topics/${topic.id}`,
      });
    },
  }),
  defineOperation({
    route: "GET /topics",
    csv: { fileName: "topics", columns: topicColumns },
    operationId: "listTopics",
    ...(documented && {
      summary: "议题列表 · List topics (by station, step, status, overdue, category)",
      description:
        "The county office: every topic. Staff: their stations' topics. A member: the topics of the stations they serve at and the topics they take part in by an accepted invitation (with `stationId`, a station where they only take part in some topics lists those). Contacts are masked but for the county office and the topic's station.",
      tag: "topics",
      responses: [
        { status: 200, description: "A page of topics", schema: "TopicPage" },
        ...commonErrors(400, 404),
      ],
    }),
    query: topicListQuery,
    async handle({ request, principal, query }) {
      const readable = readableFilter(await readableTopics(principal), query.stationId);
      const now = clock().now();
      const page = await listTopics(
        {
          ...readable,
          ...(query.step ? { step: query.step } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.category ? { category: query.category } : {}),
          ...(query.overdue === "true" ? { overdueAt: now } : {}),
        },
        { limit: query.limit ?? 50, cursor: query.cursor },
      );
      return ok({
        items: page.items.map((topic) => presentTopic(topic, now, request.language, principal)),
        cursor: page.cursor,
      });
    },
  }),
  defineOperation({
    route: "GET /topics/{topicId}",
    path: topicPath,
    operationId: "getTopic",
    ...(documented && {
      summary: "议题详情与全过程记录 · A topic with its timeline",
      description:
        "Whoever may list it (see listTopics): a member reads a topic of a station they serve at or one they take part in by an accepted invitation; 404 otherwise.",
      tag: "topics",
      responses: [
        { status: 200, description: "The topic and its timeline", schema: "TopicDetail" },
        ...topicErrors,
      ],
    }),
    async handle({ path, request, principal }) {
      const topic = await readVisibleTopic(principal, path.topicId);
      const timeline = (await topicTimeline(topic.id)).map((event) => ({
        ...event,
        text: describeEvent(event, request.language),
      }));
      return ok(
        {
          ...presentTopic(topic, clock().now(), request.language, principal),
          // Its lines name people (those responsible): a number in a name is masked as in the topic.
          timeline: maySeeTopicContacts(principal, topic.stationId) ? timeline : maskContactsIn(timeline),
        },
        versionTag(topic.version),
      );
    },
  }),
  defineOperation({
    route: "POST /topics/{topicId}/steps/{step}/complete",
    allow: ["admin", "staff"],
    path: stepPath,
    operationId: "completeStep",
    ...(documented && {
      summary: "完成当前环节（附该环节材料） · Complete the current step with its evidence",
      description:
        "The body is the evidence of the step in the path: collect (summary, raisedBy), determine (decision, format, reason), research (visits, findings), consult (meeting), report (summary, sentTo, sentOn), feedback (responses, feedbackToSource). 409 when the step is not the current one.",
      tag: "topics",
      documentedBody: v.union(Object.values(stepEvidence)),
      responses: [
        { status: 200, description: "Completed; the topic moved on", schema: "Topic" },
        ...topicErrors,
      ],
    }),
    // Checked against the step in the path in the handler, so that errors name that step's fields.
    body: jsonRecord,
    async handle({ path, request, principal, body }) {
      // The union above only says the body is some step's evidence; it must be this step's.
      const evidence = evidenceOf(path.step, body);
      const call = decisionOn(request, principal, path.topicId);
      return answer(await completeStep(services, call, path.step, evidence), request, principal);
    },
  }),
  defineOperation({
    route: "POST /topics/{topicId}/return",
    allow: ["admin", "staff"],
    path: topicPath,
    operationId: "returnTopic",
    ...(documented && {
      summary: "退回到之前的环节 · Send the topic back to an earlier step",
      tag: "topics",
      responses: [{ status: 200, description: "Sent back", schema: "Topic" }, ...topicErrors],
    }),
    body: topicReturn,
    async handle({ path, request, principal, body }) {
      const call = decisionOn(request, principal, path.topicId);
      return answer(await returnTopic(services, call, body), request, principal);
    },
  }),
  defineOperation({
    route: "POST /topics/{topicId}/reject",
    allow: ["admin", "staff"],
    path: topicPath,
    operationId: "rejectTopic",
    ...(documented && {
      summary: "不予采纳（仅「确定议题」环节） · Decline the topic (only while determining it)",
      tag: "topics",
      responses: [
        { status: 200, description: "Declined and closed; the source is told", schema: "Topic" },
        ...topicErrors,
      ],
    }),
    body: topicReject,
    async handle({ path, request, principal, body }) {
      const call = decisionOn(request, principal, path.topicId);
      return answer(await rejectTopic(services, call, body), request, principal);
    },
  }),
  defineOperation({
    route: "PATCH /topics/{topicId}/deadline",
    allow: ["admin", "staff"],
    path: topicPath,
    operationId: "extendDeadline",
    ...(documented && {
      summary: "延长当前环节期限 · Extend the current step's deadline, with a reason",
      tag: "topics",
      responses: [{ status: 200, description: "Extended", schema: "Topic" }, ...topicErrors],
    }),
    body: deadlineExtension,
    async handle({ path, request, principal, body }) {
      const call = decisionOn(request, principal, path.topicId);
      return answer(await extendDeadline(services, call, body), request, principal);
    },
  }),
  defineOperation({
    route: "POST /topics/{topicId}/redrive",
    allow: ["admin"],
    path: topicPath,
    body: redriveBody,
    operationId: "redriveTopic",
    ...(documented && {
      summary: "重新启动议题流程 · Re-drive a topic whose loop stopped",
      description:
        "The county office, when a topic no longer moves (its execution failed, timed out, was stopped or never started; the hourly sweeper does the same for every such topic): a new execution starts at the stored step — resumed when that step was entered (no second notice), entered afresh otherwise. 409 `loop_running` while an execution carries the topic; 409 `wrong_step` (`topic_closed`) when it is closed.",
      tag: "topics",
      responses: [
        { status: 200, description: "Its loop started again", schema: "TopicRedrive" },
        ...topicErrors,
      ],
    }),
    async handle({ path }) {
      return ok(await redriveTopic(defaultRecoveryServices(), path.topicId));
    },
  }),
];
