/**
 * Workflow test support: the whole local stack (DynamoDB Local, the API behind the gateway, the
 * synthesized topic loop on the local runtime with its real task function), topics driven through
 * the HTTP API, and waits on the loop's own state — no sleeps on guesses.
 */
import { expect } from "vitest";
import type { TopicStep } from "../../functions/domain/topics/steps";
import { newId } from "../../functions/kernel/ids";
import { getTopic, createTopic as storeTopic } from "../../functions/topics/store/topics";
import type { ExecutionDescription, PendingTask } from "../../infra/local/workflow-runtime";
import { topicLoopStates } from "../../workflows/topic-loop";
import { type Api, assign, createMember, createStation, type Member, type Station } from "../api/harness";

export interface TimelineEvent {
  seq: number;
  at: string;
  kind: string;
  step: TopicStep;
  actor?: { id: string; name?: string };
  details?: Record<string, unknown>;
  text: string;
}

export interface Topic {
  id: string;
  stationId: string;
  title: string;
  status: "open" | "closed";
  closedAs?: "completed" | "rejected";
  step: TopicStep;
  stepName: string;
  stepStartedAt?: string;
  deadline?: string;
  overdue: boolean;
  extensions: number;
  returns: number;
  evidence: Record<string, unknown>;
  version: number;
  timeline?: TimelineEvent[];
}

export interface Notification {
  id: string;
  topicId?: string;
  recipient: { id: string; name: string };
  channel: string;
  templateId: string;
  language: string;
  subject: string;
  text: string;
  createdAt: string;
  status: "queued" | "sending" | "sent" | "held" | "failed" | "folded";
  attempts?: number;
  foldedInto?: string;
  foldReason?: "daily_cap" | "digest";
  sentAt?: string;
  failedAt?: string;
  lastError?: string;
  retryNote?: string;
}

/** Polls `check` until it returns something other than undefined. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface StationWithLead {
  readonly station: Station;
  readonly lead: Member;
  readonly staffToken: string;
}

/** A station with a lead member (the first rung of the escalation ladder) and a staff token for it. */
export async function stationWithLead(api: Api): Promise<StationWithLead> {
  const lead = await createMember(api, { name: "牵头委员甲", email: "lead@example.org" });
  const created = await createStation(api, {
    liaison: { leader: "联系县领导乙", committee: "社会和法制委员会" },
  });
  await assign(api, created.id, lead.id);
  const reply = await api.patch(
    `/stations/${created.id}`,
    { leadMemberId: lead.id },
    { headers: { "if-match": `"${created.version}"` } },
  );
  expect(reply.status, reply.text).toBe(200);
  // One staff user per station (the default subject follows the stations): users live in the table.
  const staffToken = await api.token({ role: "staff", stationIds: [created.id] });
  return { station: reply.json<Station>(), lead, staffToken };
}

export const sourcePhone = "13700000001";

export function topicInput(
  stationId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: "老旧小区加装电梯",
    description: "居民反映多层住宅上下楼难，希望推动加装电梯。",
    source: "resident",
    stationId,
    responsible: { name: "经办人丙", phone: "13600000001" },
    ...overrides,
  };
}

export async function createTopic(
  api: Api,
  stationId: string,
  overrides: Record<string, unknown> = {},
  token?: string,
): Promise<Topic> {
  const reply = await api.post("/topics", topicInput(stationId, overrides), token ? { token } : {});
  expect(reply.status, reply.text).toBe(201);
  return reply.json<Topic>();
}

/** Valid evidence for each step (members: ids of registered members). */
export function evidenceFor(step: TopicStep, memberIds: readonly string[]): Record<string, unknown> {
  switch (step) {
    case "collect":
      return {
        summary: "值班接待时居民集中反映",
        raisedBy: [{ name: "居民丁", contact: sourcePhone }],
      };
    case "determine":
      return { decision: "adopted", format: "meeting", reason: "涉及面广，群众关切，适合协商议事会" };
    case "research":
      return {
        visits: [{ date: "2026-11-10", place: "城东小区", members: [...memberIds] }],
        findings: "共有 12 栋楼具备加装条件，资金分摊是主要分歧",
      };
    case "consult":
      return {
        meeting: {
          date: "2026-11-20",
          place: "镇党群服务中心",
          participants: { members: [...memberIds], departments: ["县住建局"], residents: 15 },
          consensus: "按楼层分摊，政府补贴三成",
        },
      };
    case "report":
      return { summary: "协商成果报告", sentTo: ["县住建局"], sentOn: "2026-12-12" };
    case "feedback":
      return {
        responses: [{ department: "县住建局", response: "纳入明年计划", respondedOn: "2026-12-20" }],
        feedbackToSource: { method: "visit", summary: "上门告知居民办理结果", givenOn: "2026-12-21" },
      };
  }
}

/**
 * A copy of `template` as registration writes it, whose StartExecution never happened (a crash
 * between the write and the start): at 收集议题, planned and entered (the registration told the
 * person responsible), without an execution. `entered: false`: as a registration of the version
 * before wrote it, leaving the entry (and its notice) to the loop.
 */
export async function writeTopicWithoutExecution(
  template: { readonly id: string },
  { entered = true }: { readonly entered?: boolean } = {},
): Promise<string> {
  const { taskToken: _token, pendingDecision: _decision, ...stored } = await getTopic(template.id);
  const id = newId();
  const at = new Date().toISOString();
  await storeTopic(
    {
      ...stored,
      id,
      title: "没有流程的议题",
      step: "collect",
      stepSeq: 1,
      enteredSeq: entered ? 1 : 0,
      executionName: `${id}-1`,
      createdAt: at,
      updatedAt: at,
    },
    [{ at, kind: "created", step: "collect" }],
  );
  return id;
}

export const executionsOf = (api: Api, topicId: string): ExecutionDescription[] =>
  api.stack.workflow.listExecutions().filter((execution) => execution.name.startsWith(topicId));

/** The states a parked token waits in. */
const waitingStates: readonly string[] = [topicLoopStates.enterStep, topicLoopStates.awaitStep];

/** Whether the execution runs and the runtime has recorded it in a waiting state. */
function runsAndWaits(api: Api, executionArn: string): boolean {
  const execution = api.stack.workflow.listExecutions().find((e) => e.executionArn === executionArn);
  return execution?.status === "RUNNING" && waitingStates.includes(execution.statesEntered.at(-1) ?? "");
}

/**
 * Waits until the topic's execution waits on `step` with its token parked: the moment the API can
 * take a decision on that step. The execution must run (a stopped one's token stays listed) and be
 * recorded in that state: the runtime reads the states entered from its event log, which may trail
 * the token being parked.
 */
export async function parkedAt(
  api: Api,
  topicId: string,
  step: TopicStep,
  timeoutMs = 20_000,
): Promise<PendingTask> {
  return eventually(
    () =>
      api.stack.workflow
        .pendingTasks()
        .find(
          (task) =>
            task.parked &&
            task.executionArn.includes(`:${topicId}`) &&
            (task.payload as { step?: string }).step === step &&
            runsAndWaits(api, task.executionArn),
        ),
    `topic ${topicId} to wait at ${step}`,
    timeoutMs,
  );
}

/** Waits for the topic's (first) execution to end, and describes it. */
export async function executionEnded(api: Api, topicId: string) {
  const [execution] = executionsOf(api, topicId);
  if (!execution) throw new Error(`no execution for ${topicId}`);
  return api.stack.workflow.waitForExecution(execution.executionArn);
}

export async function readTopic(api: Api, topicId: string, token?: string): Promise<Topic> {
  const reply = await api.get(`/topics/${topicId}`, token ? { token } : {});
  expect(reply.status, reply.text).toBe(200);
  return reply.json<Topic>();
}

export async function notificationsOf(api: Api, topicId: string): Promise<Notification[]> {
  const items: Notification[] = [];
  let cursor: string | null = null;
  do {
    const reply = await api.get(
      `/notifications?topicId=${topicId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(reply.status, reply.text).toBe(200);
    const page = reply.json<{ items: Notification[]; cursor: string | null }>();
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

export const completeStep = (
  api: Api,
  topicId: string,
  step: TopicStep,
  memberIds: readonly string[],
  token?: string,
) =>
  api.post(`/topics/${topicId}/steps/${step}/complete`, evidenceFor(step, memberIds), token ? { token } : {});

/** Waits for the topic's step, then completes it; asserts the answer. */
export async function completeWhenReady(
  api: Api,
  topicId: string,
  step: TopicStep,
  memberIds: readonly string[],
): Promise<Topic> {
  await parkedAt(api, topicId, step);
  const reply = await completeStep(api, topicId, step, memberIds);
  expect(reply.status, reply.text).toBe(200);
  return reply.json<Topic>();
}

export const kinds = (topic: Topic) => (topic.timeline ?? []).map((event) => event.kind);
