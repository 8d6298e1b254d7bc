/**
 * Typed failures of the domain and the store. Handlers map them to HTTP statuses (and, later, to
 * Step Functions error names) at the edge only; nothing below the edge knows about HTTP.
 */
export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `standards.venue.met`; empty for the whole body. */
  readonly field: string;
  /** Stable machine-readable code, e.g. `invalid_mobile`, `unknown_field`. */
  readonly code: string;
  /** Message key in the catalog, or a message ready to show as it is. */
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export class DomainError extends Error {
  override readonly name: string = "DomainError";
}

export class ValidationError extends DomainError {
  override readonly name = "ValidationError";
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`invalid input: ${problems.map((p) => p.field || "(body)").join(", ")}`);
  }
}

export type ResourceKind =
  | "station"
  | "member"
  | "assignment"
  | "route"
  | "topic"
  | "invitation"
  | "notification"
  | "contact"
  | "user"
  // activities and the duty roster (issue #12)
  | "activity"
  | "duty_shift"
  | "opinion"
  // The quota (decision 0022).
  | "plan"
  | "quota_check";

export class NotFoundError extends DomainError {
  override readonly name = "NotFoundError";
  constructor(
    readonly resource: ResourceKind,
    readonly id: string,
  ) {
    super(`${resource} ${id} not found`);
  }
}

export type ConflictReason =
  | "version_mismatch"
  | "already_exists"
  | "user_exists"
  | "lead_member"
  | "wrong_step"
  | "step_in_transition"
  | "request_in_progress"
  | "already_serving"
  | "invitation_pending"
  | "invitation_closed"
  | "notification_not_failed"
  // the duty roster (issue #12): a shift recorded or cancelled already; one whose day has not come
  | "shift_closed"
  | "shift_not_yet"
  | "activity_deleted"
  // A consultation a topic's 开展协商 step recorded: not deleted, nor made another kind, apart from it.
  | "activity_from_topic"
  // 社情民意 items
  | "opinion_wrong_status"
  | "opinion_already_promoted"
  // The quota (decision 0022).
  | "check_running"
  // Re-driving a topic whose loop still runs (decision 0026).
  | "loop_running";

export class ConflictError extends DomainError {
  override readonly name = "ConflictError";
  constructor(
    readonly reason: ConflictReason,
    readonly currentVersion?: number,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(`conflict: ${reason}`);
  }
}

/**
 * The item changed between the read a write was computed from and the write itself: nothing was
 * written. Inside `retryStaleWrites` the change is computed again; if it escapes, it is a 409.
 */
export class StaleWriteError extends ConflictError {
  constructor(currentVersion?: number) {
    super("version_mismatch", currentVersion);
  }
}

export type ForbiddenReason =
  | "role"
  | "not_your_member"
  | "read_only"
  | "own_contacts_only"
  | "chat_robot_admin_only"
  // Users in the table (decision 0024): a subject with no user record, or a deactivated one.
  | "unknown_user"
  | "user_inactive";

export class ForbiddenError extends DomainError {
  override readonly name = "ForbiddenError";
  constructor(readonly reason: ForbiddenReason) {
    super(`forbidden: ${reason}`);
  }
}

export class UnauthenticatedError extends DomainError {
  override readonly name = "UnauthenticatedError";
}

export class ThrottledError extends DomainError {
  override readonly name = "ThrottledError";
}

/** A service the request depends on is down for now; nothing was changed, a retry may succeed. */
export class UnavailableError extends DomainError {
  override readonly name = "UnavailableError";
  constructor(readonly reason: "topic_loop_unavailable") {
    super(`unavailable: ${reason}`);
  }
}

export class PayloadTooLargeError extends DomainError {
  override readonly name = "PayloadTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`payload larger than ${limitBytes} bytes`);
  }
}
