/**
 * The quarterly check on the local stack's scheduler (decision 0022): the same `quarterlyCheck` entry
 * as on AWS, on a simulated clock that stands at 08:45 on 1 April 2027 (time for a loaded machine to start the stack before 09:00) (a Thursday, the quarter's
 * first working day; the local clock only moves forward): the check happens at 09:00, recorded as
 * scheduled, and run again it tells no one twice.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countySchedules } from "../../functions/kernel/schedules";
import { handler as runScheduledJob } from "../../functions/scheduled";
import { clockFileName, saveTime } from "../../infra/local/simulated-time";
import { eventually } from "../workflow/harness";
import { type Api, createStation, startApi } from "./harness";

let api: Api;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hsl-quota-schedule-"));
  await saveTime(join(dataDir, clockFileName), new Date("2027-04-01T00:45:00Z"));
  const quarterly = countySchedules.filter((schedule) => schedule.job === "quarterlyCheck");
  expect(quarterly).toHaveLength(1);
  api = await startApi({ dataDir, speed: 30, schedules: quarterly });
  await createStation(api, { status: "active" });
});

afterAll(async () => {
  await api?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// A loaded machine may start the stack and run the check slowly: the wait is generous, the check is not.
it("runs the check at 09:00 on the quarter's first working day, as the schedule", {
  timeout: 150_000,
}, async () => {
  const check = await eventually(
    async () => {
      const reply = await api.get("/quota-checks");
      const [found] = reply.json<{ items: { id: string; trigger: string; status: string }[] }>().items;
      return found?.status === "done" ? found : undefined;
    },
    "the scheduled quarterly check",
    90_000,
  );
  expect(check).toMatchObject({ id: "2027-Q2", trigger: "schedule" });
  await api.stack.scheduler.stop();
  // Run again the same day (a retry): recorded once, nobody told again.
  expect(await runScheduledJob({ job: "quarterlyCheck" })).toMatchObject({
    checkId: "2027-Q2",
    ran: false,
    notices: 0,
  });
  expect(api.takeServerErrors()).toEqual([]);
});
