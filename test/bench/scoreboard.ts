/**
 * Every target the run judged, gathered as the sections judge them and printed together at the end
 * of `npm run bench`, with the machine's load when the run started and ended: the one place that
 * says which of issue #10's targets this run met.
 */
import { availableParallelism, loadavg } from "node:os";
import { markdownTable } from "./stats";

export interface TargetOutcome {
  /** The section that judged it ("bundles", "writes", …). */
  readonly section: string;
  readonly target: string;
  /** The figure judged, with its ratio where it has one ("2.31× (53.6 ms / 23.2 ms)"). */
  readonly figure: string;
  readonly met: boolean;
}

const outcomes: TargetOutcome[] = [];

/** Records a target's outcome and returns the word the section prints for it. */
export function judge(outcome: TargetOutcome): "met" | "not met" {
  outcomes.push(outcome);
  return outcome.met ? "met" : "not met";
}

/** "load 1.52 / 1.10 / 0.80 on 2 cores": the 1, 5 and 15 minute load averages. */
export function machineLoad(): string {
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
  return `load ${one} / ${five} / ${fifteen} on ${availableParallelism()} cores`;
}

export function scoreboard(startedLoad: string): string {
  if (outcomes.length === 0)
    return "No target was judged in this run (BENCH_SECTIONS chose none that has one).";
  const notMet = outcomes.filter((outcome) => !outcome.met);
  return [
    markdownTable(
      ["section", "target", "figure", "verdict"],
      outcomes.map((outcome) => [
        outcome.section,
        outcome.target,
        outcome.figure,
        outcome.met ? "met" : "not met",
      ]),
    ),
    "",
    notMet.length === 0
      ? `All ${outcomes.length} target${outcomes.length === 1 ? "" : "s"} met.`
      : `${outcomes.length - notMet.length} of ${outcomes.length} targets met; not met: ${notMet.map((outcome) => outcome.target).join("; ")}.`,
    `Machine at the start: ${startedLoad}; at the end: ${machineLoad()}.`,
  ].join("\n");
}
