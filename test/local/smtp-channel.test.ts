/**
 * E-mail through SMTP against a local SMTP server (smtp-server): delivered with its subject, text and
 * the notice id as Message-ID; a 5xx answer is permanent, a 4xx or a silent server transient.
 */

import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpChannel } from "../../functions/notices/channels/smtp";
import type { NotificationRecord } from "../../functions/notices/notifier";

interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("gone@")) {
        const error = Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 });
        return callback(error);
      }
      if (address.address.startsWith("busy@")) {
        const error = Object.assign(new Error("4.2.1 try again later"), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const notice = (email: string | undefined): NotificationRecord => ({
  id: "01J00000000000000000NOTICE",
  idempotencyKey: "k",
  recipient: { id: "member:1", name: "张委员", ...(email ? { email } : {}) },
  channel: "email",
  templateId: "step_started",
  language: "zh-CN",
  subject: "议题进入「确定议题」环节",
  text: "张委员：议题「加装电梯」已进入「确定议题」环节，请于 2026-12-10 前完成。",
  status: "sending",
  createdAt: "2026-12-02T04:00:00.000Z",
});

const channel = () =>
  smtpChannel({
    url: `smtp://127.0.0.1:${port}`,
    from: "县政协办公室 <noreply@example.gov.cn>",
    timeoutMs: 2_000,
  });

describe("smtpChannel", () => {
  it("delivers the notice: from the county office, to the recipient, its subject and text, the notice id as Message-ID", async () => {
    const outcome = await channel().send(notice("zhang@example.cn"));
    expect(outcome).toEqual({
      kind: "sent",
      providerMessageId: "<01J00000000000000000NOTICE@haoshangliang>",
    });
    const mail = received.at(-1);
    expect(mail?.from).toBe("noreply@example.gov.cn");
    expect(mail?.to).toEqual(["zhang@example.cn"]);
    expect(mail?.raw).toContain("Message-ID: <01J00000000000000000NOTICE@haoshangliang>");
    // The body as sent (UTF-8, base64 or quoted-printable, as nodemailer chooses); decoded, the notice's text.
    const [head = "", ...rest] = (mail?.raw ?? "").split("\r\n\r\n");
    const body = rest.join("\r\n\r\n");
    const text = /Content-Transfer-Encoding: base64/i.test(head)
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : decodeURIComponent(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, "%$1"));
    expect(text).toBe(notice("").text);
    expect(head).toMatch(/Subject: =\?UTF-8\?/i);
  });

  it("a mailbox the server refuses for good (5xx) is a permanent failure", async () => {
    const outcome = await channel().send(notice("gone@example.cn"));
    expect(outcome).toMatchObject({ kind: "permanent" });
    expect(outcome.kind === "permanent" && outcome.error).toMatch(/mailbox unavailable/);
  });

  it("a server that says try later (4xx) is transient", async () => {
    expect(await channel().send(notice("busy@example.cn"))).toMatchObject({ kind: "transient" });
  });

  it("a recipient without an address fails at once, without a connection", async () => {
    expect(await channel().send(notice(undefined))).toEqual({
      kind: "permanent",
      error: "the recipient has no e-mail address",
    });
  });

  it("a server that never answers is transient, after the timeout", async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    try {
      const outcome = await smtpChannel({
        url: `smtp://127.0.0.1:${silentPort}`,
        from: "noreply@example.gov.cn",
        timeoutMs: 300,
      }).send(notice("zhang@example.cn"));
      expect(outcome).toMatchObject({ kind: "transient" });
    } finally {
      silent.close();
    }
  });
});
