/** A page of invitations as the list operations ask for it (station-operations.ts, member-operations.ts). */
import type * as v from "valibot";
import { clock } from "../kernel/clock";
import type { invitationListQuery } from "./contracts";

type ListQuery = v.InferOutput<typeof invitationListQuery>;

export const pageOptions = (query: ListQuery) => ({
  limit: query.limit ?? 50,
  cursor: query.cursor,
  status: query.status,
  now: clock().now(),
});
