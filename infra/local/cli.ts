/** Small helpers shared by the local command-line entry points. */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";

/** True when the module with this `import.meta.url` is the script Node (or tsx) was asked to run. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** A command-line mistake: printed without a stack trace, exit status 2. */
export class UsageError extends Error {}

/** Runs a CLI main function: errors print a short message (a stack trace with DEBUG=1) and exit non-zero. */
export function runCli(main: () => Promise<void>, usage: string): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${usage}\n`);
      process.exit(2);
    }
    if (process.env.DEBUG) {
      process.stderr.write(`${inspect(error, { depth: 6 })}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${message}\n(set DEBUG=1 for the stack trace)\n`);
    }
    // Whatever failed may have left sockets or timers behind; do not hang.
    process.exit(1);
  });
}
