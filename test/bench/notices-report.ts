/**
 * The notices section of `npm run bench`: notices.ts in a child process (the functions read their
 * configuration once per process), notices per second through the local queue and sender beside a
 * plain append of the same records in the same run, the DynamoDB requests per notice, and how long a
 * notice waited from its send to `sent`.
 */
import { fromRoot } from "../../infra/paths";
import { runBenchChild } from "./child-args";
import { type NoticesResult, noticesPrefix } from "./notices";
import { formatRatio, markdownTable, ratio } from "./stats";

async function measure(notices: number, concurrency: number): Promise<NoticesResult> {
  return runBenchChild<NoticesResult>({
    script: fromRoot("test/bench/notices.ts"),
    args: ["--notices", String(notices), "--concurrency", String(concurrency)],
    prefix: noticesPrefix,
    env: { ...process.env, NOTICE_QUIET_HOURS: "off" },
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (count: number, ms: number) => count / (ms / 1000);

function figures(result: NoticesResult): string[] {
  const { notices, throughQueue: queue, plainAppend: plain } = result;
  const requests = Object.values(queue.dynamodbByCommand).reduce((sum, count) => sum + count, 0);
  const latency = queue.sendToSentMs;
  return [
    String(notices),
    `${perSecond(notices, queue.wallMs).toFixed(1)} (${seconds(queue.wallMs)})`,
    `${perSecond(notices, plain.wallMs).toFixed(1)} (${seconds(plain.wallMs)})`,
    formatRatio(ratio(queue.wallMs, plain.wallMs)),
    (requests / notices).toFixed(2),
    `${latency.p50} / ${latency.p99} ms`,
  ];
}

/** Where the time went: recording alone, what each notice sent to DynamoDB, CPU beside the baseline's. */
function breakdown(result: NoticesResult): string[] {
  const { notices, throughQueue: queue, plainAppend: plain } = result;
  const perNotice = (value: number) => (value / notices).toFixed(2);
  const commands = Object.entries(queue.dynamodbByCommand)
    .sort(([, a], [, b]) => b - a)
    // A sweep of the table now and then: a few requests in all, not per notice.
    .map(([command, count]) =>
      count / notices >= 0.05 ? `${perNotice(count)} ${command}` : `${command} ×${count} in all`,
    )
    .join(" + ");
  const requests = Object.values(queue.dynamodbByCommand).reduce((sum, count) => sum + count, 0);
  return [
    `All ${notices} recorded and enqueued (the sends returned) after ${seconds(queue.recordedMs)} ` +
      `(${perSecond(notices, queue.recordedMs).toFixed(1)}/s); the queue settled ${seconds(queue.wallMs - queue.recordedMs)} later.`,
    `DynamoDB requests per notice: ${commands}; ${(queue.dynamodbSummedMs / requests).toFixed(1)} ms each on average ` +
      `(${result.concurrency} sends and the sender's own deliveries in flight at once).`,
    `Node CPU per record: ${perNotice(queue.nodeCpuMs)} ms through the queue and sender, ` +
      `${perNotice(plain.nodeCpuMs)} ms for the plain append (both with the SDK client).`,
    `Max send → sent: ${queue.sendToSentMs.max} ms. Local stack start-up: ${seconds(result.stackStartMs)}.`,
  ];
}

export async function noticesReport(
  notices = Number(process.env.BENCH_NOTICES ?? 2000),
  concurrency = 10,
): Promise<string> {
  const result = await measure(notices, concurrency);
  return [
    markdownTable(
      [
        "notices",
        `queue + sender: notices/s (wall)`,
        "plain append: records/s (wall)",
        "wall × baseline",
        "DynamoDB req. per notice",
        "send → sent p50 / p99",
      ],
      [figures(result)],
    ),
    "",
    `${concurrency} sends in flight at once, half SMS, half e-mail, both to the outbox file; every notice ` +
      "read back `sent` with one outbox line. Baseline on the same DynamoDB Local right after, at the same " +
      `concurrency: one raw PutItem of each stored record (${Math.round(result.lineBytes)} bytes as JSON) ` +
      "and one append of its outbox line to a scratch file. Send → sent: the record's createdAt → sentAt (ms clock).",
    ...breakdown(result),
  ].join("\n");
}
