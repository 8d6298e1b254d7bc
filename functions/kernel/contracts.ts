/**
 * Building blocks shared by the request and response schemas. `zod/mini` keeps the function bundle
 * small (classic zod alone would triple it); messages are keys translated at the edge.
 */
import * as z from "zod/mini";
import { idPattern } from "./ids";

export const shortText = (max = 100) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const longText = (max = 2000) => z.string().check(z.trim(), z.maxLength(max));

/** Server-generated, time-sortable ids (ULID). */
export const id = z.string().check(z.regex(idPattern, { message: "invalid_id" }));

export const version = z.int().check(z.positive());

export const isoTimestamp = z.iso.datetime();

export const listQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.nullable(z.string()) });

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    /** On 409 version_mismatch: the version to reload (also sent as the ETag). */
    currentVersion: z.optional(z.number()),
    details: z.optional(z.array(z.object({ field: z.string(), code: z.string(), message: z.string() }))),
  }),
});
