/**
 * E-mail through SMTP against a local SMTP server (smtp-server): delivered with its subject, text and
 * the notice id as Message-ID; a 5xx answer is permanent, a 4xx or a silent server transient.
 */

import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import parseAddresses from "nodemailer/lib/addressparser";
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

/** Headers (unfolded, encoded words decoded) and the base64 body of a single-part message. */
function parseMail(raw: string) {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const decodeWords = (value: string) =>
    value
      .replace(/\?=\s+=\?/g, "?==?")
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_word, kind: string, text: string) =>
        kind.toUpperCase() === "B"
          ? Buffer.from(text, "base64").toString("utf8")
          : decodeURIComponent(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, "%$1")),
      );
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const body = Buffer.from(rest.join("\r\n\r\n").replace(/\s+/g, ""), "base64").toString("utf8");
  return { headers, body };
}

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

/** Sends one notice through a server that asks for a login; answers the logins it saw. */
async function sendThroughAuthenticatingServer(url: (port: number) => string) {
  const logins: Array<{ username?: string; password?: string | null; method: string }> = [];
  const authenticating = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username, password: auth.password, method: auth.method });
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => callback());
    },
  });
  await new Promise<void>((resolve) => authenticating.listen(0, "127.0.0.1", resolve));
  try {
    const outcome = await smtpChannel({
      url: url((authenticating.server.address() as AddressInfo).port),
      from: "noreply@example.gov.cn",
      timeoutMs: 2_000,
    }).send(notice("zhang@example.cn"));
    expect(outcome).toMatchObject({ kind: "sent" });
    return logins;
  } finally {
    await new Promise<void>((resolve) => authenticating.close(() => resolve()));
  }
}

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
    const { headers, body } = parseMail(mail?.raw ?? "");
    expect(headers.get("message-id")).toBe("<01J00000000000000000NOTICE@haoshangliang>");
    expect(headers.get("from")).toBe("县政协办公室 <noreply@example.gov.cn>");
    expect(headers.get("to")).toBe("张委员 <zhang@example.cn>");
    expect(headers.get("subject")).toBe(notice("").subject);
    expect(headers.get("x-haoshangliang-notice")).toBe("01J00000000000000000NOTICE");
    // A UTF-8 body declared as such, in an encoding a 7-bit relay passes untouched.
    expect(headers.get("mime-version")).toBe("1.0");
    expect(headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(headers.get("content-transfer-encoding")).toBe("base64");
    expect(body).toBe(notice("").text);
    expect(Buffer.byteLength(mail?.raw ?? "")).toBe(mail?.raw.length);
    expect(mail?.raw.split("\r\n").every((line) => line.length <= 78)).toBe(true);
  });

  it("a long subject and a long text arrive whole, in lines a relay accepts", async () => {
    const long = {
      ...notice("zhang@example.cn"),
      subject: "议题「关于加快推进城区老旧小区加装电梯和无障碍设施改造的建议」进入「协商议事」环节",
      text: `${"各位委员：请于规定期限内完成协商议事，并提交协商成果报告。".repeat(40)}\n第二行`,
    };
    expect(await channel().send(long)).toMatchObject({ kind: "sent" });
    const { headers, body } = parseMail(received.at(-1)?.raw ?? "");
    expect(headers.get("subject")).toBe(long.subject);
    expect(body).toBe(long.text);
    expect(
      received
        .at(-1)
        ?.raw.split("\r\n")
        .every((line) => line.length <= 78),
    ).toBe(true);
  });

  it("logs in with the credentials of the URL, decoded once (a password may hold a %)", async () => {
    const logins = await sendThroughAuthenticatingServer(
      (authPort) => `smtp://office%40example.gov.cn:p%40ss%3Aw%2Frd%25%2541@127.0.0.1:${authPort}`,
    );
    expect(logins).toEqual([
      { username: "office@example.gov.cn", password: "p@ss:w/rd%%41", method: "PLAIN" },
    ]);
  });

  it("logs in with the method the URL names (authMethod), as nodemailer's transport does", async () => {
    const logins = await sendThroughAuthenticatingServer(
      (authPort) => `smtp://office:secret@127.0.0.1:${authPort}?authMethod=LOGIN`,
    );
    expect(logins).toEqual([{ username: "office", password: "secret", method: "LOGIN" }]);
  });

  it("sends without logging in where the server offers no AUTH, as nodemailer's transport does", async () => {
    const outcome = await smtpChannel({
      url: `smtp://office:secret@127.0.0.1:${port}`,
      from: "noreply@example.gov.cn",
      timeoutMs: 2_000,
    }).send(notice("zhang@example.cn"));
    expect(outcome).toMatchObject({ kind: "sent" });
  });

  it("a line break in the recipient's name cannot add an address to the To field", async () => {
    const record = notice("zhang@example.cn");
    const named = {
      ...record,
      recipient: { ...record.recipient, name: "Zhang <evil@example.com>,\r\nZhang" },
    };
    expect(await channel().send(named)).toMatchObject({ kind: "sent" });
    const raw = received.at(-1)?.raw ?? "";
    const to = /^To: (.*)$/m.exec(raw.split("\r\n\r\n")[0] ?? "")?.[1] ?? "";
    expect(parseAddresses(to, { flatten: true }).map((entry) => entry.address)).toEqual(["zhang@example.cn"]);
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
  it("a server that closes before its greeting is transient, with that reason", async () => {
    const closing: Server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => closing.listen(0, "127.0.0.1", resolve));
    try {
      const outcome = await smtpChannel({
        url: `smtp://127.0.0.1:${(closing.address() as AddressInfo).port}`,
        from: "noreply@example.gov.cn",
        timeoutMs: 2_000,
      }).send(notice("zhang@example.cn"));
      expect(outcome).toMatchObject({
        kind: "transient",
        error: expect.stringMatching(/closed unexpectedly/),
      });
    } finally {
      closing.close();
    }
  });
});
