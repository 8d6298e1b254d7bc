/**
 * "Now" for every rule that depends on time (deadlines, reminders, quarters). On AWS it is the real
 * clock. The local runtime can run a simulated clock N times faster (`npm start -- --speed N`): it
 * sets SIMULATED_CLOCK_ORIGIN (the simulated start, ISO) and SIMULATED_CLOCK_SPEED before the
 * functions load, and divides every wait by the same speed.
 */
export interface Clock {
  now(): Date;
  /** Real milliseconds for a span of simulated seconds. */
  realMs(simulatedSeconds: number): number;
  readonly speed: number;
}

export function simulatedClock(origin: Date, speed: number, realStart = Date.now()): Clock {
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new Error(`clock speed must be a positive number, not ${speed}`);
  return {
    speed,
    now: () => new Date(origin.getTime() + (Date.now() - realStart) * speed),
    realMs: (seconds) => (seconds * 1000) / speed,
  };
}

export const realClock: Clock = { speed: 1, now: () => new Date(), realMs: (seconds) => seconds * 1000 };

let current: Clock | undefined;

/** The process's clock, read from the environment once. */
export function clock(): Clock {
  if (!current) {
    const speed = Number(process.env.SIMULATED_CLOCK_SPEED ?? 1);
    const origin = process.env.SIMULATED_CLOCK_ORIGIN;
    const realStart = Number(process.env.SIMULATED_CLOCK_REAL_START ?? Date.now());
    current =
      speed === 1 && !origin
        ? realClock
        : simulatedClock(origin ? new Date(origin) : new Date(), speed, realStart);
  }
  return current;
}

/** Replaces the process's clock (the local runtime and tests). */
export function setClock(next: Clock | undefined): void {
  current = next;
}
