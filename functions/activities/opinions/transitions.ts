/**
 * An item's way upward: 报送 (received → reported), then 采用 (reported → adopted, by the adopting
 * body) or not (reported → not_adopted). Each is one conditional write on the status and version read,
 * with its tally delta in the same transaction; a wrong status is 409 `opinion_wrong_status`.
 */
import { assertCanChangeStation, type Principal } from "../../domain/access";
import { ConflictError, ValidationError } from "../../domain/errors";
import {
  nextOpinionStatus,
  type OpinionAction,
  opinionTransitionDelta,
  transitionDateProblems,
} from "../../domain/quota/opinions";
import { localDate } from "../../domain/topics/calendar";
import { config } from "../../kernel/config";
import { retryStaleWrites } from "../../kernel/retry";
import type { OpinionAdopt, OpinionDecline, OpinionReport } from "../opinion-contracts";
import type { OpinionEvent } from "../opinion-responses";
import { type StoredOpinion, saveOpinion } from "../store/opinions";
import { opinionActorOf } from "./collect";
import { readVisibleOpinion } from "./view";

export interface OpinionChange {
  readonly principal: Principal;
  readonly opinionId: string;
  /** The version the client saw (If-Match or `version`), when it sent one. */
  readonly ifMatch: number | undefined;
}

/** The item the caller may change, at the version they saw, if they said. */
export async function readOpinionToChange(call: OpinionChange): Promise<StoredOpinion> {
  const opinion = await readVisibleOpinion(call.principal, call.opinionId);
  assertCanChangeStation(call.principal, opinion.stationId);
  if (call.ifMatch !== undefined && call.ifMatch !== opinion.version)
    throw new ConflictError("version_mismatch", opinion.version);
  return opinion;
}

type Fields = Partial<StoredOpinion>;

/** What each action records on the item, and in its history. */
function recorded(
  action: OpinionAction,
  body: OpinionReport | OpinionAdopt | OpinionDecline,
  today: string,
): { fields: Fields; kind: OpinionEvent["kind"]; details: Record<string, unknown> } {
  if (action === "report") {
    const { to, reportedOn = today } = body as OpinionReport;
    return { fields: { reportedTo: to, reportedOn }, kind: "reported", details: { to, reportedOn } };
  }
  if (action === "adopt") {
    const { adoptedBy, adoptedOn = today, note } = body as OpinionAdopt;
    const fields = { adoptedBy, adoptedOn, ...(note ? { adoptionNote: note } : {}) };
    return { fields, kind: "adopted", details: { adoptedBy, adoptedOn, ...(note ? { note } : {}) } };
  }
  const { reason, declinedOn = today } = body as OpinionDecline;
  return {
    fields: { declineReason: reason, declinedOn },
    kind: "not_adopted",
    details: { reason, declinedOn },
  };
}

/** The body's field that dates each action. */
const dateField = { report: "reportedOn", adopt: "adoptedOn", decline: "declinedOn" } as const;

const dateOf = (action: OpinionAction, body: OpinionReport | OpinionAdopt | OpinionDecline) =>
  (body as Partial<Record<(typeof dateField)[OpinionAction], string>>)[dateField[action]];

export function moveOpinion(
  call: OpinionChange,
  action: OpinionAction,
  body: OpinionReport | OpinionAdopt | OpinionDecline,
  now: Date,
): Promise<StoredOpinion> {
  return retryStaleWrites(async () => {
    const opinion = await readOpinionToChange(call);
    const status = nextOpinionStatus(opinion.status, action);
    if (!status) {
      throw new ConflictError("opinion_wrong_status", opinion.version, [
        {
          field: "status",
          code: "opinion_wrong_status",
          message: "opinion_status_forbids",
          params: { opinionStatus: opinion.status, opinionAction: action },
        },
      ]);
    }
    const today = localDate(now, config().timeZone);
    const problems = transitionDateProblems(dateField[action], dateOf(action, body), opinion, today);
    if (problems.length > 0) throw new ValidationError(problems);
    const { fields, kind, details } = recorded(action, body, today);
    const event: OpinionEvent = {
      at: now.toISOString(),
      kind,
      actor: opinionActorOf(call.principal),
      details,
    };
    const next: StoredOpinion = {
      ...opinion,
      ...fields,
      status,
      history: [...opinion.history, event],
      version: opinion.version + 1,
      updatedAt: now.toISOString(),
    };
    return saveOpinion(opinion, next, opinionTransitionDelta(action, opinion.receivedOn));
  });
}
