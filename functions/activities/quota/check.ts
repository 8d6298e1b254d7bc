/**
 * The quarterly check (decision 0022): every active station assessed as of the end of the quarter just
 * ended, the people of each station behind told what is missing, the liaison rung of each at risk told
 * too, and the county office one summary; the year's first check closes the previous year. The
 * stations and the year's tallies (with the plans) are read in pages, never an activity.
 *
 * Safe to run again: the check is claimed on its record (one run at a time; a crashed run's lease
 * lapses and the next run takes over), each notice's key names the check, the year, the station and
 * the recipient, and a finished check is answered as recorded.
 */

import { assessQuota, type QuotaAssessment, shortfall } from "../../domain/quota/assessment";
import {
  type AssessedYear,
  type CheckPeriod,
  checkIdOf,
  checkPeriod,
  quarterEndInstant,
} from "../../domain/quota/check";
import type { PaceStatus } from "../../domain/quota/pace";
import { throughQuarter } from "../../domain/quota/tally";
import type { Language } from "../../domain/registry/members";
import { config } from "../../kernel/config";
import { logInfo } from "../../kernel/log";
import { emitMetric } from "../../kernel/metrics";
import type { Station } from "../../registry/responses";
import { listStations } from "../../registry/store/stations";
import type { Addressee, Directory } from "../../topics/recipients";
import { type QuotaRow, quotaRowsPage } from "../store/plans";
import {
  type CheckTrigger,
  claimCheck,
  findCheck,
  finishCheck,
  type QuotaCheck,
  releaseCheck,
  type StationResult,
  saveResults,
  type YearSummary,
} from "../store/quota-checks";
import {
  type Attention,
  type QuotaCheckServices,
  sendStationNotices,
  tellCountyOffice,
} from "./check-notices";
import { leadAddressees, preloadedDirectory, stationAddressees } from "./check-recipients";
import { quotaSettings } from "./settings";

export type { QuotaCheckServices };

export interface QuotaCheckOutcome {
  readonly check: QuotaCheck | undefined;
  /** False when the check had been done (answered as recorded) or another run holds it. */
  readonly ran: boolean;
}

/** A run holds the check this long (the scheduled function's 15 minutes and a minute); a crashed run is taken over after it. */
export const checkLeaseMs = 16 * 60_000;
/** Stations per page: one Query of the stations' collection (a thousand fit in its 1 MB). */
const stationsPerPage = 500;

/** Stations whose notices are sent at once. */
const sendsInFlight = 16;

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await fn(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every row of the year, by station: the tallies collection in pages of a thousand. */
async function rowsOfYear(year: number): Promise<Map<string, QuotaRow>> {
  const rows = new Map<string, QuotaRow>();
  let cursor: string | undefined;
  do {
    const page = await quotaRowsPage(year, { limit: 1000, cursor });
    for (const row of page.items) rows.set(row.tally.stationId, row);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return rows;
}

interface YearRun {
  readonly period: CheckPeriod;
  readonly assessed: AssessedYear;
  readonly directory: Directory;
  readonly services: QuotaCheckServices;
}

const emptyCounts = (): Record<PaceStatus, number> => ({ met: 0, on_pace: 0, behind: 0, at_risk: 0 });

function assessStation(run: YearRun, station: Station, row: QuotaRow | undefined): QuotaAssessment {
  const { year, share, quartersEnded } = run.assessed;
  // What is dated after the quarters assessed (recorded since, or early) waits for the next check.
  const tally = throughQuarter(row?.tally ?? { stationId: station.id, year, counters: {} }, quartersEnded);
  return assessQuota(tally, row?.plan, quotaSettings(year), share);
}

function resultOf(
  run: YearRun,
  station: Station,
  assessment: QuotaAssessment,
  told: string[],
): StationResult {
  const pick = ({ count, expected, target }: QuotaAssessment["consultations"]) => ({
    count,
    expected,
    target,
  });
  return {
    checkId: run.period.checkId,
    year: run.assessed.year,
    stationId: station.id,
    stationName: station.name,
    status: assessment.status,
    closing: run.assessed.closing,
    consultations: pick(assessment.consultations),
    opinions: pick(assessment.opinions),
    missing: shortfall(assessment, config().defaultLanguage as Language),
    told,
  };
}

/** One page of stations: assessed, the ones behind told (not for a closed year), the results recorded. */
async function checkPage(run: YearRun, stations: readonly Station[], rows: Map<string, QuotaRow>) {
  const leads = run.assessed.closing ? new Map<string, Addressee>() : await leadAddressees(stations);
  let notices = 0;
  const results = await mapWithConcurrency(stations, sendsInFlight, async (station) => {
    const assessment = assessStation(run, station, rows.get(station.id));
    if (run.assessed.closing) return resultOf(run, station, assessment, []);
    const addressees = await stationAddressees(station, assessment.status, leads, run.directory);
    const sent = await sendStationNotices(run, station, assessment, addressees);
    notices += sent.recorded;
    return resultOf(run, station, assessment, sent.told);
  });
  await saveResults(results);
  return { results, notices };
}

/**
 * Whether a station existed (was registered) before the end of what the run assesses: one registered
 * since — a room created in December — is not judged on a year or quarters gone before it was.
 */
const existedIn = (run: YearRun) => {
  const { year, quartersEnded } = run.assessed;
  const end = quarterEndInstant(year, quartersEnded, config().timeZone).getTime();
  return (station: Station) => new Date(station.createdAt).getTime() < end;
};

const needsAttention = (status: PaceStatus) => status === "behind" || status === "at_risk";

async function checkYear(
  run: YearRun,
): Promise<{ summary: YearSummary; attention: Attention[]; notices: number }> {
  const rows = await rowsOfYear(run.assessed.year);
  const byStatus = emptyCounts();
  const attention: Attention[] = [];
  let stations = 0;
  let notices = 0;
  let cursor: string | undefined;
  do {
    const page = await listStations({ status: "active" }, { limit: stationsPerPage, cursor });
    const checked = await checkPage(run, page.items.filter(existedIn(run)), rows);
    notices += checked.notices;
    for (const { stationName, year, status, closing } of checked.results) {
      stations++;
      byStatus[status]++;
      if (needsAttention(status)) attention.push({ stationName, year, status, closing });
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  const { year, share, closing } = run.assessed;
  return { summary: { year, share, closing, stations, byStatus }, attention, notices };
}

/** Whether `check` is done and closed `year` (assessed it at its end). */
const closedYear = (check: QuotaCheck | undefined, year: number) =>
  check?.status === "done" && (check.years ?? []).some((summary) => summary.year === year && summary.closing);

/**
 * The years a check assesses: the current one, and the previous one when this check is the one that
 * closes it — the Q1 check (closing is all it does), or, when no other check of the year has closed
 * it (Q1's was missed), the first of the year to run. In whatever order the quarters' checks are run
 * (or asked for afterwards, with `asOf`), a year is closed by one check only; a run again of that
 * check closes it again, as before.
 */
async function yearsToAssess(period: CheckPeriod): Promise<AssessedYear[]> {
  if (!period.current) return [period.previous];
  for (const quarter of [1, 2, 3, 4] as const) {
    if (quarter === period.quarter) continue;
    if (closedYear(await findCheck(checkIdOf(period.year, quarter)), period.previous.year))
      return [period.current];
  }
  return [period.previous, period.current];
}

/** The emitted metrics (CloudWatch embedded metric format): the QuotaCheckMissed alarm compares them. */
export function emitCheckMetric(name: "QuotaCheckDue" | "QuotaCheckCompleted"): void {
  emitMetric(name);
}

/** The check's record as a run claims it: which quarter's, how it was started, as of when. */
export const checkRecordOf = (period: CheckPeriod, trigger: CheckTrigger, asOf: Date) => ({
  id: period.checkId,
  trigger,
  asOf: asOf.toISOString(),
  date: period.date,
});

/** Runs the check of `asOf`'s quarter (default now): POST /quota-checks and the scheduled job both. */
export async function runQuotaCheck(
  services: QuotaCheckServices,
  options: { asOf?: Date | undefined; trigger: CheckTrigger },
): Promise<QuotaCheckOutcome> {
  const asOf = options.asOf ?? services.now();
  const period = checkPeriod(asOf, config().timeZone);
  const claim = await claimCheck(checkRecordOf(period, options.trigger, asOf), services.now(), checkLeaseMs);
  if (!claim.claimed) return { check: claim.check, ran: false };
  return runClaimedQuotaCheck(services, period);
}

/** Runs a check this run holds; one that fails partway may be taken again at once. */
export async function runClaimedQuotaCheck(
  services: QuotaCheckServices,
  period: CheckPeriod,
): Promise<QuotaCheckOutcome> {
  try {
    return await runClaimedCheck(services, period);
  } catch (error) {
    await releaseCheck(period.checkId, services.now());
    throw error;
  }
}

async function runClaimedCheck(
  services: QuotaCheckServices,
  period: CheckPeriod,
): Promise<QuotaCheckOutcome> {
  const directory = await preloadedDirectory();
  const summaries: YearSummary[] = [];
  const attention: Attention[] = [];
  let notices = 0;
  for (const assessed of await yearsToAssess(period)) {
    const year = await checkYear({ period, assessed, directory, services });
    summaries.push(year.summary);
    attention.push(...year.attention);
    notices += year.notices;
  }
  notices += await tellCountyOffice(services, period, summaries, attention, directory);
  await finishCheck(period.checkId, { years: summaries, notices }, services.now());
  logInfo("quota check done", { checkId: period.checkId, notices, years: summaries.length });
  emitCheckMetric("QuotaCheckCompleted");
  return { check: await findCheck(period.checkId), ran: true };
}
