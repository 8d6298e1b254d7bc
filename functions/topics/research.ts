/**
 * A topic's 深入调研 evidence held to what happened, as 开展协商's meeting is
 * (activities/consultation.ts): no visit after today (the county's date), only registered members.
 */
import { unknownMemberProblems } from "../activities/references";
import { type FieldProblem, ValidationError } from "../domain/errors";

interface ResearchEvidence {
  readonly visits?: readonly { readonly date?: string; readonly members?: readonly string[] }[];
}

/** Refuses (ValidationError) visits dated after `today` or by members not registered, naming each field. */
export async function assertResearch(evidence: unknown, today: string): Promise<void> {
  const visits = (evidence as ResearchEvidence | undefined)?.visits ?? [];
  const problems: FieldProblem[] = visits.flatMap((visit, index) =>
    visit.date && visit.date > today
      ? [
          {
            field: `visits.${index}.date`,
            code: "date_in_future",
            message: "date_in_future",
            params: { today },
          },
        ]
      : [],
  );
  const memberIds = [...new Set(visits.flatMap((visit) => visit.members ?? []))];
  const unknown = new Set((await unknownMemberProblems(memberIds)).map((problem) => problem.params?.id));
  visits.forEach((visit, index) => {
    (visit.members ?? []).forEach((id, position) => {
      if (unknown.has(id))
        problems.push({
          field: `visits.${index}.members.${position}`,
          code: "not_found",
          message: "member_unknown",
          params: { id },
        });
    });
  });
  if (problems.length) throw new ValidationError(problems);
}
