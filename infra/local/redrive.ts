/**
 * After a restart of the local stack no execution survives (the local runtime keeps them in memory),
 * while the table still holds every open topic at its step. At start-up the sweeper (the hourly job on
 * AWS, functions/topics/sweep.ts) runs once with no grace period — nothing can be starting yet — and
 * starts each open topic from its stored step: `resume` when the step had been entered (deadline and
 * alarms stand), a fresh entry when it had not. A decision taken but not delivered is picked up by the
 * first parked wait.
 */

export async function redriveOpenTopics(): Promise<number> {
  // Imported only now: the functions read their configuration from the environment.
  const [{ sweepTopicLoops }, { defaultRecoveryServices }] = await Promise.all([
    import("../../functions/topics/sweep"),
    import("../../functions/topics/services"),
  ]);
  const outcome = await sweepTopicLoops(defaultRecoveryServices(), {
    graceSeconds: 0,
    backOff: false,
    startingSeconds: 0,
  });
  return outcome.restarted.length;
}
