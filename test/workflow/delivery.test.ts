/**
 * Notices through the local stack to a local SMTP server: a topic's step notice reaches the person
 * responsible as an e-mail, the delivery log says so, and a notice a dead run left queued is sent
 * when the stack starts again.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../functions/kernel/ids";
import type { NotificationRecord } from "../../functions/notices/notifier";
import { recordNotification } from "../../functions/notices/store";
import { type Api, startApi } from "../api/harness";
import { createTopic, notificationsOf, parkedAt, type StationWithLead, stationWithLead } from "./harness";

interface Mail {
  readonly to: string[];
  readonly raw: string;
}

const mails: Mail[] = [];
let smtp: SMTPServer;
let dataDir: string;
let api: Api;
let home: StationWithLead;

const bodyOf = (raw: string) => {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const body = rest.join("\r\n\r\n");
  return /Content-Transfer-Encoding: base64/i.test(head)
    ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
    : decodeURIComponent(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, "%$1"));
};

async function mailTo(address: string, containing: string, timeoutMs = 15_000): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mail = mails.find((m) => m.to.includes(address) && bodyOf(m.raw).includes(containing));
    if (mail) return mail;
    if (Date.now() > until) throw new Error(`no mail to ${address} containing ${containing}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.EMAIL_DELIVERY = "smtp";
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.SMTP_FROM = "县政协办公室 <noreply@example.gov.cn>";
  dataDir = await mkdtemp(join(tmpdir(), "hsl-delivery-"));
  api = await startApi({ dataDir });
  home = await stationWithLead(api);
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

describe("e-mail through SMTP", () => {
  it("tells the person responsible for a topic's step by e-mail, and the delivery log shows it sent", async () => {
    const topic = await createTopic(api, home.station.id, {
      title: "背街小巷路灯不亮",
      responsible: { name: "经办人丁", email: "ding@example.org" },
    });
    await parkedAt(api, topic.id, "collect");
    const mail = await mailTo("ding@example.org", "背街小巷路灯不亮");
    expect(bodyOf(mail.raw)).toContain("收集议题");

    await api.stack.delivery.settled();
    const [notice] = (await notificationsOf(api, topic.id)).filter((n) => n.templateId === "step_started");
    expect(notice).toMatchObject({ channel: "email", status: "sent", attempts: 1 });
    expect(mail.raw).toContain(`Message-ID: <${notice?.id}@haoshangliang>`);
  });

  it("sends, after a restart, a notice that a run which died had left queued", async () => {
    const left: NotificationRecord = {
      id: newId(),
      idempotencyKey: `test:left-behind:${newId()}`,
      recipient: { id: "person:wu@example.org", name: "经办人戊", email: "wu@example.org" },
      channel: "email",
      templateId: "step_started",
      language: "zh-CN",
      subject: "议题进入「收集议题」环节",
      text: "经办人戊：议题「菜市场占道经营」已进入「收集议题」环节。",
      status: "queued",
      createdAt: new Date().toISOString(),
      attempts: 0,
    };
    // Recorded, never handed to the sender: the process died between the two.
    await recordNotification(left);
    const tableName = api.stack.tableName;
    await api.stop();
    expect(mails.some((m) => m.to.includes("wu@example.org"))).toBe(false);

    api = await startApi({ dataDir, tableName });
    await mailTo("wu@example.org", "菜市场占道经营");
  });
});
