import { describe, expect, it } from "vitest";
import { activityProblems, changedFields, countChanges } from "../../../functions/domain/quota/activities";
import { rosterDue } from "../../../functions/domain/quota/duty";

const visit = { stationId: "s", type: "visit" as const, date: "2027-03-01", memberIds: ["a", "b"] };

describe("what an activity counts", () => {
  it("a new record counts +1 in its year and for each member; a withdrawal takes it back", () => {
    expect(countChanges(undefined, visit)).toEqual({
      tallies: [{ year: 2027, delta: { activity_visit: 1 } }],
      attendance: [{ year: 2027, memberIds: ["a", "b"], change: 1 }],
    });
    expect(countChanges(visit, undefined)).toEqual({
      tallies: [{ year: 2027, delta: { activity_visit: -1 } }],
      attendance: [{ year: 2027, memberIds: ["a", "b"], change: -1 }],
    });
  });

  it("a correction in the same year moves only what changed", () => {
    expect(countChanges(visit, { ...visit, memberIds: ["b", "c"] })).toEqual({
      tallies: [],
      attendance: [
        { year: 2027, memberIds: ["a"], change: -1 },
        { year: 2027, memberIds: ["c"], change: 1 },
      ],
    });
    expect(countChanges(visit, { ...visit, type: "study" }).tallies).toEqual([
      { year: 2027, delta: { activity_visit: -1, activity_study: 1 } },
    ]);
  });

  it("a correction to another year moves everything from one year to the other", () => {
    const moved = countChanges(visit, { ...visit, date: "2026-12-31" });
    expect(moved.tallies).toEqual([
      { year: 2027, delta: { activity_visit: -1 } },
      { year: 2026, delta: { activity_visit: 1 } },
    ]);
    expect(moved.attendance).toEqual([
      { year: 2027, memberIds: ["a", "b"], change: -1 },
      { year: 2026, memberIds: ["a", "b"], change: 1 },
    ]);
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
