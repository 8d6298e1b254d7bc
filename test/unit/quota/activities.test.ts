import { describe, expect, it } from "vitest";
import { activityProblems, changedFields, countChanges } from "../../../functions/domain/quota/activities";
import { rosterDue } from "../../../functions/domain/quota/duty";
import { countedOn, throughQuarter } from "../../../functions/domain/quota/tally";

const visit = { stationId: "s", type: "visit" as const, date: "2027-03-01", memberIds: ["a", "b"] };

describe("what an activity counts", () => {
  it("a new record counts +1 in its year and for each member; a withdrawal takes it back", () => {
    expect(countChanges(undefined, visit)).toEqual({
      tallies: [{ year: 2027, delta: { activity_visit: 1, q1_activity_visit: 1 } }],
      attendance: [{ year: 2027, memberIds: ["a", "b"], change: 1, duty: false }],
    });
    expect(countChanges(visit, undefined)).toEqual({
      tallies: [{ year: 2027, delta: { activity_visit: -1, q1_activity_visit: -1 } }],
      attendance: [{ year: 2027, memberIds: ["a", "b"], change: -1, duty: false }],
    });
  });

  it("a correction in the same year moves only what changed", () => {
    expect(countChanges(visit, { ...visit, memberIds: ["b", "c"] })).toEqual({
      tallies: [],
      attendance: [
        { year: 2027, memberIds: ["a"], change: -1, duty: false },
        { year: 2027, memberIds: ["c"], change: 1, duty: false },
      ],
    });
    expect(countChanges(visit, { ...visit, type: "study" }).tallies).toEqual([
      {
        year: 2027,
        delta: { activity_visit: -1, q1_activity_visit: -1, activity_study: 1, q1_activity_study: 1 },
      },
    ]);
  });

  it("a correction to another quarter of the same year moves only the quarter's count", () => {
    expect(countChanges(visit, { ...visit, date: "2027-04-01" }).tallies).toEqual([
      { year: 2027, delta: { q1_activity_visit: -1, q2_activity_visit: 1 } },
    ]);
  });

  it("a correction to another year moves everything from one year to the other", () => {
    const moved = countChanges(visit, { ...visit, date: "2026-12-31" });
    expect(moved.tallies).toEqual([
      { year: 2027, delta: { activity_visit: -1, q1_activity_visit: -1 } },
      { year: 2026, delta: { activity_visit: 1, q4_activity_visit: 1 } },
    ]);
    expect(moved.attendance).toEqual([
      { year: 2027, memberIds: ["a", "b"], change: -1, duty: false },
      { year: 2026, memberIds: ["a", "b"], change: 1, duty: false },
    ]);
  });
});

describe("what a duty activity counts for its member (decision 0027)", () => {
  const duty = { ...visit, type: "duty" as const, memberIds: ["a"] };

  it("counts among the member's duty shifts", () => {
    expect(countChanges(undefined, duty).attendance).toEqual([
      { year: 2027, memberIds: ["a"], change: 1, duty: true },
    ]);
  });

  it("corrected into another kind, it is withdrawn as duty and counted again as that kind", () => {
    const changed = countChanges(duty, { ...duty, type: "visit" });
    expect(changed.attendance).toEqual([
      { year: 2027, memberIds: ["a"], change: -1, duty: true },
      { year: 2027, memberIds: ["a"], change: 1, duty: false },
    ]);
    expect(changed.tallies.map((tally) => tally.year)).toEqual([2027, 2027]);
  });
});

describe("an activity's rules", () => {
  const fields = {
    type: "visit" as const,
    date: "2027-03-01",
    place: "x",
    memberIds: [],
    residentsReached: 0,
  };
  it("wants a label for X and for nothing else, a date not after today, no member twice", () => {
    expect(activityProblems(fields, "2027-03-01")).toEqual([]);
    expect(activityProblems({ ...fields, type: "other" }, "2027-03-01").map((p) => p.message)).toEqual([
      "label_required_for_other",
    ]);
    expect(activityProblems({ ...fields, label: "读书会" }, "2027-03-01").map((p) => p.message)).toEqual([
      "label_only_for_other",
    ]);
    expect(activityProblems(fields, "2027-02-28").map((p) => p.field)).toEqual(["date"]);
    expect(activityProblems({ ...fields, memberIds: ["a", "a"] }, "2027-03-01").map((p) => p.field)).toEqual([
      "memberIds",
    ]);
  });

  it("audits the fields that changed", () => {
    expect(changedFields(fields, { ...fields, place: "y", summary: "s" })).toEqual({
      place: { from: "x", to: "y" },
      summary: { from: null, to: "s" },
    });
    expect(changedFields(fields, { ...fields })).toEqual({});
  });
});

describe("the duty roster's day", () => {
  it("reminds tomorrow's planned shifts and marks earlier planned ones as no-shows", () => {
    const shifts = [
      { id: "1", date: "2027-06-16", status: "planned" as const },
      { id: "2", date: "2027-06-14", status: "planned" as const },
      { id: "3", date: "2027-06-14", status: "recorded" as const },
      { id: "4", date: "2027-06-15", status: "planned" as const },
      { id: "5", date: "2027-06-16", status: "cancelled" as const },
    ];
    const due = rosterDue(shifts, "2027-06-15", "2027-06-16");
    expect(due.remind.map((s) => s.id)).toEqual(["1"]);
    expect(due.noShows.map((s) => s.id)).toEqual(["2"]);
  });
});

describe("the tally as it stood at a quarter's end", () => {
  const tally = {
    stationId: "s",
    year: 2027,
    counters: {
      activity_consultation: 3,
      q1_activity_consultation: 1,
      q3_activity_consultation: 2,
      opinions: 7,
      q1_opinions: 2,
      q2_opinions: 4,
      q4_opinions: 1,
    },
  };

  it("sums each count over the quarters gone by", () => {
    expect(throughQuarter(tally, 1).counters).toEqual({ activity_consultation: 1, opinions: 2 });
    expect(throughQuarter(tally, 2).counters).toEqual({ activity_consultation: 1, opinions: 6 });
    expect(throughQuarter(tally, 3).counters).toEqual({ activity_consultation: 3, opinions: 6 });
  });

  it("is the whole year after the fourth quarter, and nothing before the first", () => {
    expect(throughQuarter(tally, 4)).toBe(tally);
    expect(throughQuarter(tally, 0).counters).toEqual({});
  });

  it("counts what a record dated in a quarter added, in that quarter only", () => {
    const delta = countedOn("2027-06-30", { opinions: 1 });
    expect(delta).toEqual({ opinions: 1, q2_opinions: 1 });
  });
});
