import { describe, expect, it } from "vitest";
import {
  phrasesOverlap,
  type SuggestionCandidate,
  type SuggestionRequest,
  suggestMembers,
} from "../../../functions/domain/registry/suggestions";

const candidate = (
  overrides: Partial<SuggestionCandidate> & Pick<SuggestionCandidate, "id">,
): SuggestionCandidate => ({
  name: overrides.id,
  sector: "无党派人士",
  profession: "",
  expertise: [],
  stationCount: 0,
  zones: [],
  servesAtStation: false,
  ...overrides,
});

const request: SuggestionRequest = { topic: "社区养老服务设施建设", stationZone: "东山" };
const ids = (list: readonly { memberId: string }[]) => list.map((s) => s.memberId);

describe("phrasesOverlap", () => {
  it("matches when one phrase contains the other", () => {
    expect(phrasesOverlap("农村教育公平", "教育")).toBe(true);
    expect(phrasesOverlap("教育", "农村教育公平")).toBe(true);
  });

  it("matches Chinese phrases that share a two-character word", () => {
    expect(phrasesOverlap("社区养老", "养老服务")).toBe(true);
    expect(phrasesOverlap("老旧小区加装电梯", "电梯安全")).toBe(true);
  });

  it("does not match unrelated phrases or a single shared character", () => {
    expect(phrasesOverlap("社区养老", "医疗卫生")).toBe(false);
    expect(phrasesOverlap("社区养老", "老师")).toBe(false);
  });

  it("ignores case and surrounding spaces, and does not split Latin words into letters", () => {
    expect(phrasesOverlap("AI治理", " ai ")).toBe(true);
    expect(phrasesOverlap("education", "edit")).toBe(false);
  });

  it("an empty phrase matches nothing", () => {
    expect(phrasesOverlap("社区养老", "")).toBe(false);
    expect(phrasesOverlap("社区养老", "   ")).toBe(false);
  });
});

describe("suggestMembers", () => {
  it("puts an expertise match first, then a sector match, then members with no match", () => {
    const ranked = suggestMembers(
      { ...request, sector: "社会福利和社会保障界" },
      [
        candidate({ id: "none", sector: "经济界", servesAtStation: true }),
        candidate({ id: "sector", sector: "社会福利和社会保障界", zones: ["东山"] }),
        candidate({ id: "expert", expertise: ["养老服务"], stationCount: 5 }),
      ],
      10,
    );
    expect(ids(ranked)).toEqual(["expert", "sector", "none"]);
  });

  it("a sector named in the topic text matches without being asked for", () => {
    const ranked = suggestMembers(
      { topic: "乡镇卫生院医生短缺", stationZone: "东山" },
      [
        candidate({ id: "other", sector: "经济界", zones: ["东山"] }),
        candidate({ id: "health", sector: "医药卫生界" }),
      ],
      10,
    );
    expect(ids(ranked)).toEqual(["health", "other"]);
    expect(ranked[0]?.reasons).toContainEqual({ code: "sector", value: "医药卫生界" });
  });

  it("a match outranks nearness and load", () => {
    const ranked = suggestMembers(
      request,
      [
        candidate({ id: "near", servesAtStation: true, zones: ["东山"], stationCount: 0 }),
        candidate({ id: "far-busy-expert", expertise: ["社区治理"], stationCount: 9 }),
      ],
      10,
    );
    expect(ids(ranked)).toEqual(["far-busy-expert", "near"]);
  });

  it("with equal match: serving at this station, then the same zone, then elsewhere", () => {
    const ranked = suggestMembers(
      request,
      [
        candidate({ id: "elsewhere", expertise: ["养老"], zones: ["营前"] }),
        candidate({ id: "same-zone", expertise: ["养老"], zones: ["东山"], stationCount: 3 }),
        candidate({
          id: "here",
          expertise: ["养老"],
          zones: ["东山"],
          servesAtStation: true,
          stationCount: 4,
        }),
      ],
      10,
    );
    expect(ids(ranked)).toEqual(["here", "same-zone", "elsewhere"]);
  });

  it("with equal match and nearness, the member who carries less comes first", () => {
    const ranked = suggestMembers(
      request,
      [
        candidate({ id: "busy", expertise: ["养老"], zones: ["东山"], stationCount: 4 }),
        candidate({ id: "free", expertise: ["养老"], zones: ["东山"], stationCount: 1 }),
        candidate({ id: "middle", expertise: ["养老"], zones: ["东山"], stationCount: 2 }),
      ],
      10,
    );
    expect(ids(ranked)).toEqual(["free", "middle", "busy"]);
  });

  it("scores expertise above profession above sector, adding up every match", () => {
    const [first, second, third] = suggestMembers(
      { ...request, sector: "医药卫生界" },
      [
        candidate({ id: "sector", sector: "医药卫生界" }),
        candidate({ id: "profession", profession: "养老院院长" }),
        candidate({ id: "expertise", expertise: ["养老服务", "设施建设"] }),
      ],
      10,
    );
    expect(first).toMatchObject({ memberId: "expertise", score: { match: 6 } });
    expect(second).toMatchObject({ memberId: "profession", score: { match: 2 } });
    expect(third).toMatchObject({ memberId: "sector", score: { match: 1 } });
  });

  it("says why each member was suggested", () => {
    const [suggestion] = suggestMembers(
      { ...request, sector: "社会福利和社会保障界" },
      [
        candidate({
          id: "m1",
          name: "王芳",
          sector: "社会福利和社会保障界",
          profession: "养老院院长",
          expertise: ["养老服务", "财务审计"],
          zones: ["东山"],
          stationCount: 2,
        }),
      ],
      10,
    );
    expect(suggestion).toEqual({
      memberId: "m1",
      name: "王芳",
      sector: "社会福利和社会保障界",
      score: { match: 6, nearness: 1, load: 2 },
      reasons: [
        { code: "expertise", value: "养老服务" },
        { code: "profession", value: "养老院院长" },
        { code: "sector", value: "社会福利和社会保障界" },
        { code: "same_zone", value: "东山" },
        { code: "load", value: 2 },
      ],
    });
  });

  it("a member serving here is told as such, not as merely the same zone", () => {
    const [suggestion] = suggestMembers(
      request,
      [candidate({ id: "m1", servesAtStation: true, zones: ["东山"] })],
      10,
    );
    expect(suggestion?.score.nearness).toBe(3);
    expect(suggestion?.reasons).toEqual([
      { code: "serves_here", value: "东山" },
      { code: "load", value: 0 },
    ]);
  });

  it("就近: a member living in the station's township ranks above one of the same zone", () => {
    const ranked = suggestMembers(
      { ...request, stationTownship: "东山镇" },
      [
        candidate({ id: "zone", zones: ["东山"] }),
        candidate({ id: "near", township: "东山镇" }),
        candidate({ id: "elsewhere", township: "营前镇" }),
      ],
      10,
    );
    expect(ids(ranked)).toEqual(["near", "zone", "elsewhere"]);
    expect(ranked[0]?.score.nearness).toBe(2);
    expect(ranked[0]?.reasons).toContainEqual({ code: "same_township", value: "东山镇" });
    expect(ranked[2]?.reasons.map((r) => r.code)).not.toContain("same_township");
  });

  it("a member with nothing in common still gets the load reason, and no invented ones", () => {
    const [suggestion] = suggestMembers(
      request,
      [candidate({ id: "m1", sector: "经济界", expertise: ["金融"], zones: ["营前"], stationCount: 3 })],
      10,
    );
    expect(suggestion?.score).toEqual({ match: 0, nearness: 0, load: 3 });
    expect(suggestion?.reasons).toEqual([{ code: "load", value: 3 }]);
  });

  it("returns at most `limit` suggestions, the best ones", () => {
    const candidates = Array.from({ length: 8 }, (_, i) => candidate({ id: `m${i}`, stationCount: 8 - i }));
    const ranked = suggestMembers(request, candidates, 3);
    expect(ids(ranked)).toEqual(["m7", "m6", "m5"]);
  });

  it("breaks complete ties by name, then id, so the order is stable", () => {
    const candidates = [
      candidate({ id: "b", name: "张三" }),
      candidate({ id: "a", name: "张三" }),
      candidate({ id: "c", name: "李四" }),
    ];
    const forward = ids(suggestMembers(request, candidates, 10));
    const backward = ids(suggestMembers(request, [...candidates].reverse(), 10));
    expect(forward).toEqual(backward);
    expect(forward.indexOf("a")).toBeLessThan(forward.indexOf("b"));
  });

  it("does not change the candidates it is given", () => {
    const candidates = [candidate({ id: "b", stationCount: 2 }), candidate({ id: "a", stationCount: 1 })];
    const before = JSON.stringify(candidates);
    suggestMembers(request, candidates, 10);
    expect(JSON.stringify(candidates)).toBe(before);
  });
});
