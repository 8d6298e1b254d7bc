/**
 * The topic loop on a local stack (DynamoDB Local in memory, the API behind the gateway, the
 * synthesized state machine on the local runtime with its real task function): state transitions of
 * a full loop, transitions per reminder cycle, and the wall time of a loop driven as fast as the API
 * allows, beside GET /stations/{id} round trips on the same stack.
 *
 * The functions read their configuration (and the clock's speed) once per process, so one process
 * runs one stack: `run.ts` starts this file as a child process per speed and reads the result line.
 *
 *   tsx test/bench/topic-loop.ts --speed 1 --loops 10 [--ladder]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type TopicStep, topicSteps } from "../../functions/domain/topics/steps";
import type { MemberCreate, StationCreate } from "../../functions/registry/contracts";
import type { StepEvidence, TopicCreate } from "../../functions/topics/contracts";
import { type LocalStack, startLocalStack } from "../../infra/local/start";
import { topicLoopStates } from "../../workflows/topic-loop";
import { runAsChild } from "./child-args";
import { watchDynamoDbRequests } from "./dynamodb-requests";

/** The line the child prints its result on, as JSON after this prefix. */
export const resultPrefix = "BENCH_TOPIC_LOOP ";

export interface LoopRun {
  /** POST /topics sent → the execution SUCCEEDED. */
  readonly wallMs: number;
  /** Of which: waiting for our own API's answers (POST /topics and six completions). */
  readonly apiMs: number;
  /** The baseline, measured right after: as many GET /stations/{id} round trips, one after another. */
  readonly baselineMs: number;
  readonly transitions: number;
  readonly remindEntries: number;
  /** Requests the functions (API and task function) sent to DynamoDB Local during the loop, and their summed time. */
  readonly dynamodbCalls: number;
  readonly dynamodbMs: number;
}

export interface LadderRun {
  /** Alarms in the topic's timeline (reminder_sent, escalated). */
  readonly alarms: string[];
  /** Simulated days from the topic's registration to the last rung of the ladder. */
  readonly simulatedDays: number;
  /** Real seconds the same took. */
  readonly realSeconds: number;
  /** The execution of the laddered topic, driven through the six steps after the ladder. */
  readonly transitions: number;
  readonly remindEntries: number;
  readonly statesEntered: string[];
  /** A topic driven through the six steps at once on the same stack: the same path, no reminders. */
  readonly baseline: {
    readonly transitions: number;
    readonly remindEntries: number;
    readonly statesEntered: string[];
  };
}

export interface TopicLoopResult {
  readonly speed: number;
  /** Start-up of the local stack, real ms. */
  readonly stackStartMs: number;
  /** API round trips per loop (POST /topics + one completion per step). */
  readonly apiCallsPerLoop: number;
  readonly loops: LoopRun[];
  readonly ladder?: LadderRun;
}

interface Reply {
  readonly status: number;
  readonly text: string;
}

export const stationBody: StationCreate = {
  kind: "station",
  name: "基准测试工作站",
  zone: "基准片区",
  township: "基准镇",
  hostVenue: { type: "civilization-practice-center", name: "基准镇新时代文明实践所" },
  liaison: { leader: "联系县领导（基准）", committee: "社会和法制委员会" },
};

export const memberBody: MemberCreate = {
  name: "牵头委员（基准）",
  sector: "科技界",
  profession: "工程师",
  expertise: ["数字乡村"],
  phone: "13900000001",
};

export const topicBody = (stationId: string, title: string, ladder: boolean): TopicCreate => ({
  title,
  description: "居民反映多层住宅上下楼难，希望推动加装电梯。",
  source: "resident",
  stationId,
  responsible: { name: "经办人（基准）", phone: "13600000001" },
  // A collect step due in a week: the reminder two working days ahead falls after the start
  // whatever weekday the simulated clock starts on, and the whole ladder runs in simulated weeks.
  ...(ladder ? { deadlines: { collect: { amount: 7, unit: "days" } } } : {}),
});

/** Valid evidence for each step, as the workflow tests send it. */
export function evidenceFor(step: TopicStep, memberId: string): StepEvidence {
  const evidence: { [S in TopicStep]: StepEvidence<S> } = {
    collect: {
      summary: "值班接待时居民集中反映",
      raisedBy: [{ name: "居民（基准）", contact: "13700000001" }],
    },
    determine: { decision: "adopted", format: "meeting", reason: "涉及面广，群众关切，适合协商议事会" },
    research: {
      visits: [{ date: "2026-12-02", place: "城东小区", members: [memberId] }],
      findings: "共有 12 栋楼具备加装条件，资金分摊是主要分歧",
    },
    consult: {
      meeting: {
        date: "2026-11-20",
        place: "镇党群服务中心",
        participants: { members: [memberId], departments: ["县住建局"], residents: 15 },
        consensus: "按楼层分摊，政府补贴三成",
      },
    },
    report: { summary: "协商成果报告", sentTo: ["县住建局"], sentOn: "2026-12-12" },
    feedback: {
      responses: [{ department: "县住建局", response: "纳入明年计划", respondedOn: "2026-12-20" }],
      feedbackToSource: { method: "visit", summary: "上门告知居民办理结果", givenOn: "2026-12-21" },
    },
  };
  return evidence[step];
}

/**
 * Counts the requests the functions send to DynamoDB and the time they take: the API functions and
 * the task function run in this process and share the one client of functions/store/client.ts.
 */
class DynamoDbMeter {
  calls = 0;
  ms = 0;

  constructor() {
    watchDynamoDbRequests(
      "benchDynamoDbMeter",
      () => {
        this.calls += 1;
      },
      (ms) => {
        this.ms += ms;
      },
    );
  }

  reset(): void {
    this.calls = 0;
    this.ms = 0;
  }
}

class Bench {
  private stationId = "";
  private memberId = "";
  private readonly meter = new DynamoDbMeter();

  constructor(
    readonly stack: LocalStack,
    private readonly token: string,
  ) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${this.stack.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text() };
  }

  async expect(method: string, path: string, status: number, body?: unknown): Promise<Reply> {
    const reply = await this.call(method, path, body);
    if (reply.status !== status) {
      throw new Error(
        `${method} ${path} answered ${reply.status}, not ${status}: ${reply.text.slice(0, 300)}`,
      );
    }
    return reply;
  }

  /** A station with a lead member: the first rung of the escalation ladder. */
  async setUp(): Promise<void> {
    const member = await this.expect("POST", "/members", 201, memberBody);
    this.memberId = (JSON.parse(member.text) as { id: string }).id;
    const station = await this.expect("POST", "/stations", 201, stationBody);
    const created = JSON.parse(station.text) as { id: string; version: number };
    this.stationId = created.id;
    const assigned = await this.call("PUT", `/stations/${this.stationId}/members/${this.memberId}`);
    if (assigned.status !== 200 && assigned.status !== 201) {
      throw new Error(
        `assigning the lead member answered ${assigned.status}: ${assigned.text.slice(0, 300)}`,
      );
    }
    const named = await this.call(
      "PATCH",
      `/stations/${this.stationId}`,
      { leadMemberId: this.memberId },
      { "if-match": `"${created.version}"` },
    );
    if (named.status !== 200)
      throw new Error(`naming the lead member answered ${named.status}: ${named.text}`);
  }

  async createTopic(title: string, ladder = false): Promise<{ id: string; executionArn: string }> {
    const reply = await this.expect("POST", "/topics", 201, topicBody(this.stationId, title, ladder));
    const { id } = JSON.parse(reply.text) as { id: string };
    const execution = this.stack.workflow.listExecutions().find((item) => item.name.startsWith(id));
    if (!execution) throw new Error(`no execution for topic ${id}`);
    return { id, executionArn: execution.executionArn };
  }

  /**
   * Waits until the execution waits on `step` with its token parked — the moment the API can take
   * the decision — without polling: the runtime resolves the wait when the task function returns.
   */
  async parkedAt(executionArn: string, step: TopicStep, after?: string): Promise<string> {
    let newerThan = after;
    for (;;) {
      const task = await this.stack.workflow.waitForTask(executionArn, {
        ...(newerThan === undefined ? {} : { newerThan }),
      });
      if ((task.payload as { step?: string }).step === step) return task.taskToken;
      newerThan = task.taskToken; // re-armed at an earlier step (a reminder): wait on
    }
  }

  /** Completes the six steps, each as soon as its token is parked; returns the ms spent in API calls. */
  async driveSixSteps(topicId: string, executionArn: string): Promise<number> {
    let apiMs = 0;
    let previous: string | undefined;
    for (const step of topicSteps) {
      previous = await this.parkedAt(executionArn, step, previous);
      const started = performance.now();
      await this.expect(
        "POST",
        `/topics/${topicId}/steps/${step}/complete`,
        200,
        evidenceFor(step, this.memberId),
      );
      apiMs += performance.now() - started;
    }
    return apiMs;
  }

  async fullLoop(title: string): Promise<Omit<LoopRun, "baselineMs">> {
    this.meter.reset();
    const started = performance.now();
    const topic = await this.createTopic(title);
    const createMs = performance.now() - started;
    const stepsApiMs = await this.driveSixSteps(topic.id, topic.executionArn);
    const done = await this.stack.workflow.waitForExecution(topic.executionArn);
    const wallMs = performance.now() - started;
    if (done.status !== "SUCCEEDED") throw new Error(`the loop of ${topic.id} ended ${done.status}`);
    return {
      wallMs,
      apiMs: createMs + stepsApiMs,
      transitions: done.stateTransitions,
      remindEntries: done.statesEntered.filter((state) => state === topicLoopStates.remind).length,
      dynamodbCalls: this.meter.calls,
      dynamodbMs: this.meter.ms,
    };
  }

  /** The baseline: `count` GET /stations/{id} round trips through the same gateway, one after another. */
  async stationReads(count: number): Promise<number> {
    const started = performance.now();
    for (let i = 0; i < count; i += 1) await this.expect("GET", `/stations/${this.stationId}`, 200);
    return performance.now() - started;
  }

  /** Lets the collect step's ladder run to its last rung, then drives the topic through the six steps. */
  async ladder(): Promise<LadderRun> {
    const baselineTopic = await this.createTopic("背街小巷路灯不亮（对照）");
    await this.driveSixSteps(baselineTopic.id, baselineTopic.executionArn);
    const baseline = await this.stack.workflow.waitForExecution(baselineTopic.executionArn);

    const realStart = performance.now();
    const simulatedStart = this.stack.clock.now().getTime();
    const topic = await this.createTopic("背街小巷路灯不亮", true);
    const until = Date.now() + 90_000;
    let alarms: string[] = [];
    while (!alarms.includes("escalate:countyOffice")) {
      if (Date.now() > until)
        throw new Error(`the ladder did not reach the county office: ${alarms.join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const reply = await this.expect("GET", `/topics/${topic.id}`, 200);
      const detail = JSON.parse(reply.text) as {
        timeline?: { kind: string; details?: { alarm?: unknown } }[];
      };
      alarms = (detail.timeline ?? [])
        .filter((event) => event.kind === "reminder_sent" || event.kind === "escalated")
        .map((event) => String(event.details?.alarm));
    }
    const realSeconds = (performance.now() - realStart) / 1000;
    const simulatedDays = (this.stack.clock.now().getTime() - simulatedStart) / 86_400_000;
    await this.driveSixSteps(topic.id, topic.executionArn);
    const done = await this.stack.workflow.waitForExecution(topic.executionArn);
    const remindsOf = (states: readonly string[]) =>
      states.filter((state) => state === topicLoopStates.remind).length;
    return {
      alarms,
      simulatedDays,
      realSeconds,
      transitions: done.stateTransitions,
      remindEntries: remindsOf(done.statesEntered),
      statesEntered: [...done.statesEntered],
      baseline: {
        transitions: baseline.stateTransitions,
        remindEntries: remindsOf(baseline.statesEntered),
        statesEntered: [...baseline.statesEntered],
      },
    };
  }
}

export interface TopicLoopOptions {
  readonly speed: number;
  /** Measured loops (after `warmup` unmeasured ones). */
  readonly loops: number;
  readonly warmup: number;
  /** Also let a reminder ladder run (needs an accelerated clock). */
  readonly ladder: boolean;
}

export async function measureTopicLoop(options: TopicLoopOptions): Promise<TopicLoopResult> {
  process.env.LOG_LEVEL = "warn";
  // The hour the bench runs at must not decide whether SMS are held (quiet hours).
  process.env.NOTICE_QUIET_HOURS ??= "off";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const dataDir = await mkdtemp(join(tmpdir(), "hsl-bench-loop-"));
  const startedAt = performance.now();
  const stack = await startLocalStack({
    dataDir,
    inMemory: true,
    seed: false,
    port: 0,
    speed: options.speed,
  });
  const stackStartMs = performance.now() - startedAt;
  try {
    const bench = new Bench(stack, await stack.adminToken());
    await bench.setUp();
    const apiCallsPerLoop = 1 + topicSteps.length;
    for (let i = 0; i < options.warmup; i += 1) {
      await bench.fullLoop(`热身议题 ${i + 1}`);
      await bench.stationReads(apiCallsPerLoop);
    }
    const loops: LoopRun[] = [];
    // Each loop followed by its baseline, so that machine noise falls on both alike.
    for (let i = 0; i < options.loops; i += 1) {
      const run = await bench.fullLoop(`老旧小区加装电梯 ${i + 1}`);
      loops.push({ ...run, baselineMs: await bench.stationReads(apiCallsPerLoop) });
    }
    const ladder = options.ladder ? await bench.ladder() : undefined;
    return { speed: options.speed, stackStartMs, apiCallsPerLoop, loops, ...(ladder ? { ladder } : {}) };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      speed: { type: "string", default: "1" },
      loops: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      ladder: { type: "boolean", default: false },
    },
  });
  const result = await measureTopicLoop({
    speed: Number(values.speed),
    loops: Number(values.loops),
    warmup: Number(values.warmup),
    ladder: values.ladder,
  });
  process.stdout.write(`${resultPrefix}${JSON.stringify(result)}\n`);
}

runAsChild(import.meta.url, main);
