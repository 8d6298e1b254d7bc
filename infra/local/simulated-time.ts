/**
 * The local stack's clock (`npm start -- --speed N`). Simulated time runs N times faster than real
 * time and is kept in the data directory, so that a restart continues where the last run left off:
 * deadlines and reminders set in simulated time stay in the future they were set in. Without a
 * saved reading and at speed 1 the clock is the real one.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Clock, realClock, setClock, simulatedClock } from "../../functions/kernel/clock";

export const clockFileName = "clock.json";

interface SavedClock {
  /** The simulated time when the last run saved it (ISO). */
  readonly simulatedNow: string;
}

export async function readSavedTime(file: string): Promise<Date | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, "utf8")) as Partial<SavedClock>;
    const time = typeof saved.simulatedNow === "string" ? new Date(saved.simulatedNow) : undefined;
    return time && !Number.isNaN(time.getTime()) ? time : undefined;
  } catch {
    return undefined;
  }
}

export async function saveTime(file: string, now: Date): Promise<void> {
  const body: SavedClock = { simulatedNow: now.toISOString() };
  // Written aside and renamed: a crash mid-write never leaves half a file.
  await writeFile(`${file}.tmp`, `${JSON.stringify(body)}\n`);
  await rename(`${file}.tmp`, file);
}

/** The environment the functions' `clock()` reads (functions/clock.ts). */
export const clockEnvironmentKeys = [
  "SIMULATED_CLOCK_SPEED",
  "SIMULATED_CLOCK_ORIGIN",
  "SIMULATED_CLOCK_REAL_START",
] as const;

export interface LocalClock {
  readonly clock: Clock;
  /** Simulated, i.e. not the plain real clock. */
  readonly simulated: boolean;
  /** Saves the current reading (no-op without a file). */
  save(): Promise<void>;
}

/**
 * Installs the process's clock: `speed` times real time, starting from the later of the real time
 * and the saved reading. Sets the environment so that every module (and `clock()` after a reset)
 * agrees.
 */
export async function installLocalClock(options: {
  readonly speed: number;
  /** Where the reading is kept; undefined keeps nothing (in-memory runs). */
  readonly dataDir: string | undefined;
  readonly realNow?: Date;
}): Promise<LocalClock> {
  const file = options.dataDir === undefined ? undefined : join(options.dataDir, clockFileName);
  const realNow = options.realNow ?? new Date();
  const saved = file ? await readSavedTime(file) : undefined;
  const origin = saved && saved.getTime() > realNow.getTime() ? saved : realNow;
  const simulated = options.speed !== 1 || origin !== realNow;
  const realStart = Date.now();
  const clock = simulated ? simulatedClock(origin, options.speed, realStart) : realClock;
  if (simulated) {
    process.env.SIMULATED_CLOCK_SPEED = String(options.speed);
    process.env.SIMULATED_CLOCK_ORIGIN = origin.toISOString();
    process.env.SIMULATED_CLOCK_REAL_START = String(realStart);
  } else {
    for (const key of clockEnvironmentKeys) delete process.env[key];
  }
  setClock(clock);
  return {
    clock,
    simulated,
    save: async () => {
      if (file && simulated) await saveTime(file, clock.now());
    },
  };
}
