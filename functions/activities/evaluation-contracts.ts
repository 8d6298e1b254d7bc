/** Requests of the quantified evaluation (量化考评, decision 0027). */
import * as v from "valibot";
import { queryInt, strictObject } from "../kernel/contracts";

export const evaluationKinds = ["station", "member"] as const;

export const evaluationQuery = /* @__PURE__ */ (() =>
  strictObject({
    /** The year evaluated (default: this year, in the county's zone). */
    year: v.optional(queryInt(2000, 2100)),
    /** `station` (default): stations and rooms; `member`: members. */
    kind: v.optional(v.picklist(evaluationKinds)),
  }))();
