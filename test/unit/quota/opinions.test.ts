/** The rules of 社情民意 items: which transition from which status, what each counts, who raised it. */
import { describe, expect, it } from "vitest";
import {
  nextOpinionStatus,
  opinionActions,
  opinionStatuses,
  opinionTransitionDelta,
  opinionYear,
  submissionProblems,
} from "../../../functions/domain/quota/opinions";
import { parseTopicCategories, topicTallyDelta } from "../../../functions/domain/topics/categories";
import { topicCategories } from "../../../functions/kernel/config";

describe("an item's status", () => {
  it("goes received → reported → adopted or not_adopted, and nowhere else", () => {
    const allowed = opinionStatuses.flatMap((status) =>
      opinionActions.flatMap((action) => {
        const next = nextOpinionStatus(status, action);
        return next ? [`${status} -${action}-> ${next}`] : [];
      }),
    );
    expect(allowed).toEqual([
      "received -report-> reported",
      "reported -adopt-> adopted",
      "reported -decline-> not_adopted",
    ]);
  });

  it("counts a report and an adoption, not a decline, in the year the item was received", () => {
    expect(opinionTransitionDelta("report", "2026-05-20")).toEqual({
      opinions_reported: 1,
      q2_opinions_reported: 1,
    });
    expect(opinionTransitionDelta("adopt", "2026-12-31")).toEqual({
      opinions_adopted: 1,
      q4_opinions_adopted: 1,
    });
    expect(opinionTransitionDelta("decline", "2026-05-20")).toEqual({});
    expect(opinionYear("2026-12-31")).toBe(2026);
  });
});

describe("who raised an item", () => {
  const today = "2026-06-01";
  const fields = (input: Parameters<typeof submissionProblems>[0], own?: string) =>
    submissionProblems(input, own, today).map((problem) => `${problem.field}:${problem.code}`);

  it("a resident's item names the resident and no member", () => {
    expect(fields({ source: "resident", submitter: { name: "甲" } })).toEqual([]);
    expect(fields({ source: "resident" })).toEqual(["submitter:submitter_required"]);
    expect(fields({ source: "resident", submitter: { name: "甲" }, memberId: "m" })).toEqual([
      "memberId:member_only_for_member_items",
    ]);
  });

  it("a member's item names the member (a member user only themselves) and no resident", () => {
    expect(fields({ source: "member", memberId: "m" })).toEqual([]);
    expect(fields({ source: "member" }, "m")).toEqual([]);
    expect(fields({ source: "member" })).toEqual(["memberId:member_required"]);
    expect(fields({ source: "member", memberId: "other" }, "m")).toEqual(["memberId:not_your_own_member_id"]);
    expect(fields({ source: "member", memberId: "m", submitter: { name: "甲" } })).toEqual([
      "submitter:submitter_only_for_resident_items",
    ]);
  });

  it("nothing is received after today", () => {
    expect(fields({ source: "member", memberId: "m", receivedOn: "2026-06-01" })).toEqual([]);
    expect(fields({ source: "member", memberId: "m", receivedOn: "2026-06-02" })).toEqual([
      "receivedOn:date_in_future",
    ]);
  });
});

describe("topic categories", () => {
  it("default to 党政要事 / 民生实事 / 社会治理难事", () => {
    expect(parseTopicCategories(undefined).map((c) => c.labels["zh-CN"])).toEqual([
      "党政要事",
      "民生实事",
      "社会治理难事",
    ]);
  });

  it("read a county's own list, English falling back to the id", () => {
    const categories = parseTopicCategories(
      '[{"id":"ecology","zh-CN":"生态环保"},{"id":"roads","zh-CN":"交通","en":"Roads"}]',
    );
    expect(categories).toEqual([
      { id: "ecology", labels: { "zh-CN": "生态环保", en: "ecology" } },
      { id: "roads", labels: { "zh-CN": "交通", en: "Roads" } },
    ]);
  });

  it.each([
    ["not json", /JSON array/],
    ["[]", /non-empty/],
    ['[{"id":"a b","zh-CN":"甲"}]', /letters and digits/],
    ['[{"id":"a"}]', /zh-CN/],
    ['[{"id":"a","zh-CN":"甲"},{"id":"a","zh-CN":"乙"}]', /twice/],
  ])("refuse %s", (json, error) => {
    expect(() => parseTopicCategories(json)).toThrow(error);
  });

  it("a bad TOPIC_CATEGORIES is a ConfigurationError naming the setting", () => {
    const saved = process.env.TOPIC_CATEGORIES;
    process.env.TOPIC_CATEGORIES = "[";
    try {
      expect(() => topicCategories()).toThrow(/TOPIC_CATEGORIES must be a JSON array/);
    } finally {
      if (saved === undefined) delete process.env.TOPIC_CATEGORIES;
      else process.env.TOPIC_CATEGORIES = saved;
    }
  });

  it("a topic counts once, and once in its category, in the year and in its quarter", () => {
    expect(topicTallyDelta(undefined, "2026-02-10")).toEqual({ topics: 1, q1_topics: 1 });
    expect(topicTallyDelta("livelihood", "2026-10-01")).toEqual({
      topics: 1,
      topics_livelihood: 1,
      q4_topics: 1,
      q4_topics_livelihood: 1,
    });
  });

  it("a topic registered before quarters were counted moves only its year's counts", () => {
    expect(topicTallyDelta("livelihood", undefined)).toEqual({ topics: 1, topics_livelihood: 1 });
  });
});
