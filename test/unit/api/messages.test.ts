import { describe, expect, it } from "vitest";
import {
  isMessageKey,
  type MessageKey,
  message,
  negotiateLanguage,
} from "../../../functions/kernel/http/messages";
// The parts' messages, as the entries that serve their operations add them.
import { messageModules } from "../../support/all-messages";

describe("message", () => {
  it("speaks Simplified Chinese and English", () => {
    expect(message("not_found_station", "zh-CN")).toBe("未找到该工作站（室）");
    expect(message("not_found_station", "en")).toBe("No such station or room");
    expect(message("lead_member", "zh-CN")).toContain("牵头委员");
  });

  it("fills placeholders from the params", () => {
    expect(message("payload_too_large", "zh-CN", { limit: 262144 })).toBe("请求体过大（上限 262144 字节）");
    expect(message("validation_failed", "en", { fields: "name, phone" })).toBe(
      "The request is invalid; check: name, phone",
    );
    expect(message("reason_same_zone", "zh-CN", { value: "东山" })).toBe("同在东山片区");
    expect(message("reason_load", "en", { value: 0 })).toBe("Serves at 0 station(s) already");
  });

  it("shows an instant as the county reads it, not as a UTC timestamp", () => {
    // 23:59 on 11 December in Asia/Shanghai (the default zone) is 15:59:59.999 UTC.
    const currentDeadline = "2026-12-11T15:59:59.999Z";
    expect(message("deadline_not_later", "zh-CN", { currentDeadline })).toBe(
      "新期限须晚于当前期限（2026-12-11 23:59）",
    );
    expect(message("deadline_not_later", "en", { currentDeadline })).toBe(
      "The new deadline must be later than the current one (2026-12-11 23:59)",
    );
    // A county date is no instant: it stays as it is.
    expect(message("date_in_past", "zh-CN", { today: "2026-12-03" })).toBe(
      "值班日期不能早于今天（2026-12-03）",
    );
  });

  it("names the type a field should have in the reader's language", () => {
    expect(message("invalid_type", "zh-CN", { expected: "number" })).toBe("类型不正确，应为数字");
    expect(message("invalid_type", "zh-CN", { expected: "string" })).toBe("类型不正确，应为文本");
    expect(message("invalid_type", "en", { expected: "number" })).toBe("Wrong type; expected a number");
    // The same param, in another message, still names a contact's role.
    expect(
      message("contact_wrong_role", "zh-CN", { name: "甲", actual: "other", expected: "liaisonLeader" }),
    ).toBe("联系人“甲”是其他，此处须为联系领导");
  });

  it("leaves a placeholder visible rather than printing 'undefined'", () => {
    const text = message("member_not_found", "en");
    expect(text).toBe("Member {id} does not exist");
    expect(text).not.toContain("undefined");
  });

  it("has every message in both languages, with the same placeholders", () => {
    const keys: MessageKey[] = [
      "validation_failed",
      "unauthorized",
      "forbidden_read_only",
      "not_found_member",
      "version_mismatch",
      "already_exists",
      "payload_too_large",
      "too_short",
      "invalid_value",
      "unknown_field",
      "invalid_mobile",
      "invalid_cursor",
      "station_name_taken",
      "phone_taken",
      "lead_member_cannot_leave",
      "reason_expertise",
      "reason_serves_here",
      "reason_load",
    ];
    for (const key of keys) {
      expect(isMessageKey(key)).toBe(true);
      const zh = message(key, "zh-CN");
      const en = message(key, "en");
      expect(zh).toMatch(/\p{Script=Han}/u);
      expect(en).not.toMatch(/\p{Script=Han}/u);
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(zh)).toEqual(placeholders(en));
    }
  });
});

describe("isMessageKey", () => {
  it("knows the catalog's keys and nothing else, not even Object's own properties", () => {
    expect(isMessageKey("phone_taken")).toBe(true);
    expect(isMessageKey("no_such_key")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
    expect(isMessageKey("__proto__")).toBe(false);
    expect(isMessageKey("")).toBe(false);
  });
});

describe("negotiateLanguage", () => {
  it("defaults to Chinese when nothing is asked for", () => {
    expect(negotiateLanguage(undefined, "zh-CN")).toBe("zh-CN");
    expect(negotiateLanguage("", "zh-CN")).toBe("zh-CN");
  });

  it("answers in English when English is preferred", () => {
    expect(negotiateLanguage("en", "zh-CN")).toBe("en");
    expect(negotiateLanguage("en-US,en;q=0.9,zh-CN;q=0.8", "zh-CN")).toBe("en");
    expect(negotiateLanguage("EN-GB", "zh-CN")).toBe("en");
  });

  it("answers in Chinese when Chinese is preferred, whatever the variant", () => {
    expect(negotiateLanguage("zh-CN,zh;q=0.9,en;q=0.8", "en")).toBe("zh-CN");
    expect(negotiateLanguage("zh-TW", "en")).toBe("zh-CN");
    expect(negotiateLanguage("zh-Hans-CN", "en")).toBe("zh-CN");
  });

  it("honours q-values rather than the order written", () => {
    expect(negotiateLanguage("en;q=0.5, zh;q=0.9", "en")).toBe("zh-CN");
    expect(negotiateLanguage("zh;q=0.1, en", "zh-CN")).toBe("en");
  });

  it("skips languages refused with q=0 and languages it does not speak", () => {
    expect(negotiateLanguage("en;q=0, zh;q=0.5", "en")).toBe("zh-CN");
    expect(negotiateLanguage("fr-FR, de;q=0.9, en;q=0.5", "zh-CN")).toBe("en");
  });

  it("falls back to the configured language when it speaks none of those asked for", () => {
    expect(negotiateLanguage("fr-FR, de;q=0.9", "zh-CN")).toBe("zh-CN");
    expect(negotiateLanguage("fr-FR", "en")).toBe("en");
    expect(negotiateLanguage("*", "zh-CN")).toBe("zh-CN");
    expect(negotiateLanguage("en;q=0", "zh-CN")).toBe("zh-CN");
  });

  it("survives a malformed header", () => {
    expect(negotiateLanguage(";;;,,,q=", "zh-CN")).toBe("zh-CN");
    expect(negotiateLanguage("en;q=abc, zh", "en")).toBe("zh-CN");
  });
});

describe("every part's messages", () => {
  it("have both languages, with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const messages of Object.values(messageModules)) {
      for (const [key, texts] of Object.entries(messages)) {
        expect(texts["zh-CN"], key).toMatch(/\p{Script=Han}/u);
        expect(placeholders(texts["zh-CN"]), key).toEqual(placeholders(texts.en));
      }
    }
  });
});
