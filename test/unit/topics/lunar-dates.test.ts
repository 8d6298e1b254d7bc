import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  firstLunarTableYear,
  lunarFestivalTable,
} from "../../../functions/domain/topics/lunar-dates.generated";
import { festivalDatesOf, generatedPath, generatedSource } from "../../../infra/tools/lunar-dates";

describe("the lunar festival table the functions carry", () => {
  it("is what the lunar calendar library gives (run `npm run lunar-dates` if not)", async () => {
    expect(await readFile(generatedPath, "utf8")).toBe(generatedSource());
  });

  it("matches every year of the library", () => {
    for (const [index, row] of lunarFestivalTable.entries()) {
      expect(row).toEqual(festivalDatesOf(firstLunarTableYear + index));
    }
  });

  it.each([
    // From the State Council's calendars: 春节, 清明, 端午 and 中秋 of each year.
    [2025, ["01-29", "04-04", "05-31", "10-06"]],
    [2026, ["02-17", "04-05", "06-19", "09-25"]],
  ])("agrees with the official dates of %i", (year, dates) => {
    expect(lunarFestivalTable[year - firstLunarTableYear]).toEqual(dates);
  });
});
