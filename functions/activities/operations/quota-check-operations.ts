/** The quarterly check on demand, and the checks as recorded (decision 0022). */
import { requireAdmin } from "../../domain/access";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors";
import { isIsoDate, localTime } from "../../domain/topics/calendar";
import { clock } from "../../kernel/clock";
import { config } from "../../kernel/config";
import { listQuery } from "../../kernel/contracts";
import { commonErrors } from "../../kernel/http/error-responses";
import { accepted, defineOperation, documented, ok } from "../../kernel/http/operation";
import { lambdaCheckLauncher } from "../quota/check-launcher";
import { requestQuotaCheck } from "../quota/requested-check";
import { checkResultsQuery, quotaCheckBody, quotaCheckPath } from "../quota-contracts";
import { checkResultsPage, findCheck, listChecks, type QuotaCheck } from "../store/quota-checks";

/** The check as shown: which run holds it, and until when, is the runs' own business. */
const presented = ({ claimId: _claim, leaseUntil: _lease, ...check }: QuotaCheck) => check;

/** A date is the check as if run at 09:00 that day, county time; an instant is taken as it is. */
const asOfInstant = (asOf: string | undefined) =>
  asOf === undefined ? undefined : isIsoDate(asOf) ? localTime(asOf, 9, config().timeZone) : new Date(asOf);

export const quotaCheckOperations = [
  defineOperation({
    route: "POST /quota-checks",
    allow: ["admin"],
    body: quotaCheckBody,
    operationId: "runQuotaCheck",
    ...(documented && {
      summary: "立即进行季度检查 · Run the quarterly check now",
      description:
        "The check of the quarter of `asOf` (default now; a date means 09:00 that day, county time), e.g. `2027-Q2`: every active station assessed as of the end of the quarter before, the people of each station behind told what is missing, its liaison leader and committee too when at risk, the county office one summary; a year's first check closes the year before. It runs in the background, unhurried however many stations the county has: the answer is 202 with the check `running` and its address in `Location`, to be followed with GET until it is `done`. Asked again, the same check notifies no one twice: one already done answers 200 as recorded, one still running 202 again.",
      tag: "quota",
      responses: [
        { status: 202, description: "The check, started now or still running", schema: "QuotaCheck" },
        { status: 200, description: "The check as recorded earlier", schema: "QuotaCheck" },
        ...commonErrors(400, 403, 409),
      ],
    }),
    async handle({ principal, body }) {
      requireAdmin(principal);
      const services = { now: () => clock().now(), launcher: lambdaCheckLauncher };
      const asOf = asOfInstant(body.asOf) ?? services.now();
      // A quarter not yet begun would be judged on today's counts, and its real check later skipped.
      if (asOf.getTime() > services.now().getTime())
        throw new ValidationError([{ field: "asOf", code: "as_of_in_future", message: "as_of_in_future" }]);
      const outcome = await requestQuotaCheck(services, asOf);
      if (!outcome.check) throw new ConflictError("check_running");
      const check = presented(outcome.check);
      if (outcome.state === "done") return ok(check);
      return accepted(check, { location: `/quota-checks/${check.id}` });
    },
  }),
  defineOperation({
    route: "GET /quota-checks",
    allow: ["admin", "staff"],
    query: listQuery,
    operationId: "listQuotaChecks",
    ...(documented && {
      summary: "季度检查记录 · The quarterly checks so far",
      description:
        "Scheduled and on demand, newest first, with the stations by status for each year assessed.",
      tag: "quota",
      responses: [
        { status: 200, description: "A page of checks", schema: "QuotaCheckPage" },
        ...commonErrors(400, 403),
      ],
    }),
    async handle({ query }) {
      const page = await listChecks({ limit: query.limit ?? 20, cursor: query.cursor });
      return ok({ ...page, items: page.items.map(presented) });
    },
  }),
  defineOperation({
    route: "GET /quota-checks/{checkId}",
    allow: ["admin", "staff"],
    path: quotaCheckPath,
    query: checkResultsQuery,
    operationId: "getQuotaCheck",
    ...(documented && {
      summary: "季度检查结果 · A quarterly check with its results by station",
      description:
        "`results`: one line per station and year assessed (paged), with the counts, what was expected, the status, what was missing and who was told. Staff see their own stations' lines.",
      tag: "quota",
      responses: [
        { status: 200, description: "The check", schema: "QuotaCheckDetail" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    async handle({ path, query, principal }) {
      const check = await findCheck(path.checkId);
      if (!check) throw new NotFoundError("quota_check", path.checkId);
      const page = { limit: query.limit ?? 50, cursor: query.cursor };
      const stationIds = principal.role === "admin" ? undefined : principal.stationIds;
      const results =
        stationIds?.length === 0
          ? { items: [], cursor: null }
          : await checkResultsPage(check.id, { stationIds, year: query.year }, page);
      return ok({ ...presented(check), results });
    },
  }),
];
