/** The quarterly check on demand, and the checks as recorded (decision 0022). */
import { requireAdmin } from "../../domain/access";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors";
import { isIsoDate, localTime } from "../../domain/topics/calendar";
import { clock } from "../../kernel/clock";
import { config } from "../../kernel/config";
import { listQuery } from "../../kernel/contracts";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, ok } from "../../kernel/http/operation";
import { defaultNotifier } from "../../notices/recording-notifier";
import { runQuotaCheck } from "../quota/check";
import { checkResultsQuery, quotaCheckBody, quotaCheckPath } from "../quota-contracts";
import { checkResultsPage, findCheck, listChecks } from "../store/quota-checks";

/** A date is the check as if run at 09:00 that day, county time; an instant is taken as it is. */
const asOfInstant = (asOf: string | undefined) =>
  asOf === undefined ? undefined : isIsoDate(asOf) ? localTime(asOf, 9, config().timeZone) : new Date(asOf);

export const quotaCheckOperations = [
  defineOperation({
    route: "POST /quota-checks",
    allow: ["admin"],
    body: quotaCheckBody,
    operationId: "runQuotaCheck",
    summary: "立即进行季度检查 · Run the quarterly check now",
    description:
      "The check of the quarter of `asOf` (default now; a date means 09:00 that day, county time), e.g. `2027-Q2`: every active station assessed as of the end of the quarter before, the people of each station behind told what is missing, its liaison leader and committee too when at risk, the county office one summary; a year's first check closes the year before. The same check run again notifies no one twice: a check already done answers 200 as recorded, one running elsewhere 409.",
    tag: "quota",
    responses: [
      { status: 201, description: "The check, done now", schema: "QuotaCheck" },
      { status: 200, description: "The check as recorded earlier", schema: "QuotaCheck" },
      ...commonErrors(400, 403, 409),
    ],
    async handle({ principal, body }) {
      requireAdmin(principal);
      const services = { notifier: defaultNotifier(), now: () => clock().now() };
      const asOf = asOfInstant(body.asOf);
      // A quarter not yet begun would be judged on today's counts, and its real check later skipped.
      if (asOf && asOf.getTime() > services.now().getTime())
        throw new ValidationError([{ field: "asOf", code: "as_of_in_future", message: "as_of_in_future" }]);
      const { check, ran } = await runQuotaCheck(services, {
        asOf,
        trigger: "request",
      });
      if (!check || check.status === "running") throw new ConflictError("check_running");
      return ran ? created(check, { location: `/quota-checks/${check.id}` }) : ok(check);
    },
  }),
  defineOperation({
    route: "GET /quota-checks",
    allow: ["admin", "staff"],
    query: listQuery,
    operationId: "listQuotaChecks",
    summary: "季度检查记录 · The quarterly checks so far",
    description: "Scheduled and on demand, newest first, with the stations by status for each year assessed.",
    tag: "quota",
    responses: [
      { status: 200, description: "A page of checks", schema: "QuotaCheckPage" },
      ...commonErrors(400, 403),
    ],
    async handle({ query }) {
      return ok(await listChecks({ limit: query.limit ?? 20, cursor: query.cursor }));
    },
  }),
  defineOperation({
    route: "GET /quota-checks/{checkId}",
    allow: ["admin", "staff"],
    path: quotaCheckPath,
    query: checkResultsQuery,
    operationId: "getQuotaCheck",
    summary: "季度检查结果 · A quarterly check with its results by station",
    description:
      "`results`: one line per station and year assessed (paged), with the counts, what was expected, the status, what was missing and who was told. Staff see their own stations' lines.",
    tag: "quota",
    responses: [
      { status: 200, description: "The check", schema: "QuotaCheckDetail" },
      ...commonErrors(400, 403, 404),
    ],
    async handle({ path, query, principal }) {
      const check = await findCheck(path.checkId);
      if (!check) throw new NotFoundError("quota_check", path.checkId);
      const page = { limit: query.limit ?? 50, cursor: query.cursor };
      const stationIds = principal.role === "admin" ? undefined : principal.stationIds;
      const results =
        stationIds?.length === 0
          ? { items: [], cursor: null }
          : await checkResultsPage(check.id, { stationIds, year: query.year }, page);
      return ok({ ...check, results });
    },
  }),
];
