/** The duty routes of the activities part (委员值班): plan, list, cancel, check in. */
import { ValidationError } from "../../domain/errors";
import { clock } from "../../kernel/clock";
import { commonErrors } from "../../kernel/http/error-responses";
import { created, defineOperation, documented, ok, versionTag } from "../../kernel/http/operation";
import { cancelShift, checkIn, planShift, stationShifts } from "../duty";
import {
  dutyCancel,
  dutyCancelQuery,
  dutyCheckIn,
  dutyShiftCreate,
  dutyShiftListQuery,
  dutyShiftPath,
  stationShiftsPath,
} from "../duty-contracts";

const tag = "duty";

export const dutyOperations = [
  defineOperation({
    route: "POST /stations/{stationId}/duty-shifts",
    path: stationShiftsPath,
    idempotent: true,
    allow: ["admin", "staff"],
    operationId: "planDutyShift",
    ...(documented && {
      summary: "排班 · Plan a member's duty shift",
      description:
        "`date`: today or later (county time). `memberId`: a member who serves at the station. The member is reminded the day before; a shift still unrecorded once its day is over becomes a no-show, and the station is told.",
      tag,
      responses: [
        { status: 201, description: "Planned", schema: "DutyShift" },
        ...commonErrors(400, 403, 404),
      ],
    }),
    body: dutyShiftCreate,
    async handle({ principal, path, body }) {
      const shift = await planShift(principal, path.stationId, body, clock().now());
      return created(shift, { ...versionTag(shift.version), location: `/duty-shifts/${shift.id}` });
    },
  }),
  defineOperation({
    route: "GET /stations/{stationId}/duty-shifts",
    path: stationShiftsPath,
    operationId: "listDutyShifts",
    ...(documented && {
      summary: "值班安排 · A station's duty roster",
      description:
        "Earliest first; `from` and `to` (dates, inclusive) and `status` (planned, recorded, no_show, cancelled) narrow it.",
      tag,
      responses: [
        { status: 200, description: "A page of shifts", schema: "DutyShiftPage" },
        ...commonErrors(400, 404),
      ],
    }),
    query: dutyShiftListQuery,
    async handle({ principal, path, query }) {
      return ok(await stationShifts(principal, path.stationId, query));
    },
  }),
  defineOperation({
    route: "DELETE /duty-shifts/{shiftId}",
    path: dutyShiftPath,
    allow: ["admin", "staff"],
    operationId: "cancelDutyShift",
    ...(documented && {
      summary: "取消值班 · Cancel a duty shift (with a reason)",
      description: "`reason` in the body or the query. A recorded or cancelled shift answers 409.",
      tag,
      responses: [
        { status: 200, description: "The cancelled shift", schema: "DutyShift" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: dutyCancel,
    query: dutyCancelQuery,
    async handle({ principal, path, body, query }) {
      const reason = body?.reason ?? query.reason;
      if (!reason)
        throw new ValidationError([
          { field: "reason", code: "required", message: "correction_reason_required" },
        ]);
      const shift = await cancelShift(principal, path.shiftId, reason, clock().now());
      return ok(shift, versionTag(shift.version));
    },
  }),
  defineOperation({
    route: "POST /duty-shifts/{shiftId}/check-in",
    path: dutyShiftPath,
    idempotent: true,
    operationId: "checkInDutyShift",
    ...(documented && {
      summary: "值班登记 · Record a duty shift (it becomes a duty activity)",
      description:
        "On or after the shift's day, by the station's staff, the county office or the member on duty. The shift becomes `recorded` and a `duty` activity (id: the shift's) is counted in the same transaction; a shift marked as a no-show may still be recorded late. Twice answers 409.",
      tag,
      responses: [
        { status: 200, description: "The recorded shift", schema: "DutyShift" },
        ...commonErrors(400, 403, 404, 409),
      ],
    }),
    body: dutyCheckIn,
    async handle({ principal, path, body }) {
      const shift = await checkIn(principal, path.shiftId, body, clock().now());
      return ok(shift, versionTag(shift.version));
    },
  }),
];
