/**
 * What the local command-line entry points share (`npm start`, `npm run token`, the demo seed): the
 * prologue — environment defaults, strict argument parsing with node:util's parseArgs, `--help`,
 * `--data-dir` — and how a command ends (a usage mistake: exit 2; any other error: a short message,
 * exit 1).
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { inspect, type ParseArgsConfig, parseArgs } from "node:util";

/** Where the local stack keeps its data unless told otherwise (`--data-dir`, `$DATA_DIR`). */
export const defaultDataDir = ".data";
/** The local stack's table unless told otherwise (`--table`). */
export const defaultTableName = "haoshangliang";

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

/** A command's options, in parseArgs' notation. */
export type CliOptions = NonNullable<ParseArgsConfig["options"]>;

/** `-h`, `--help`: every command takes it. */
const helpOption = { help: { type: "boolean", short: "h" } } as const;

/** `--data-dir <dir>`, for the commands that read the local stack's data directory. */
export const dataDirOption = { "data-dir": { type: "string" } } as const;

type StrictConfig<O extends CliOptions> = {
  args: string[];
  options: O & typeof helpOption;
  strict: true;
  allowPositionals: false;
};

/** The parsed values of a command's options, `help` included. */
export type CliValues<O extends CliOptions> = ReturnType<typeof parseArgs<StrictConfig<O>>>["values"];

/** Parses arguments strictly (known options only, no positionals); a mistake is a UsageError. */
export function parseCommandLine<const O extends CliOptions>(options: O, args: string[]): CliValues<O> {
  try {
    return parseArgs<StrictConfig<O>>({
      args,
      strict: true,
      allowPositionals: false,
      options: { ...options, ...helpOption },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The data directory a command was given: `--data-dir`, else `$DATA_DIR`; undefined when neither. */
export function dataDirArgument(values: { readonly "data-dir"?: string | undefined }): string | undefined {
  return values["data-dir"] ?? process.env.DATA_DIR;
}

/** The data directory a command works on: as given, else `.data`. */
export function dataDirOf(values: { readonly "data-dir"?: string | undefined }): string {
  return dataDirArgument(values) ?? defaultDataDir;
}

export interface Command<O extends CliOptions> {
  /** Printed for `--help`, and after a usage mistake. */
  readonly usage: string;
  /** The command's options (`--help` is added). */
  readonly options: O;
  /** Set before anything else runs, unless the environment already has a value. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly main: (values: CliValues<O>) => Promise<void>;
}

/**
 * Runs a command when `moduleUrl` is the script Node was asked to run (and does nothing when the
 * module is imported): sets the environment defaults, parses `process.argv`, prints the usage for
 * `--help`, and otherwise runs `main`, ending as `runCli` says.
 */
export function runCommand<const O extends CliOptions>(moduleUrl: string, command: Command<O>): void {
  if (!isMain(moduleUrl)) return;
  runCli(async () => {
    for (const [key, value] of Object.entries(command.environment ?? {})) process.env[key] ??= value;
    const values = parseCommandLine(command.options, process.argv.slice(2));
    // Every command has --help (parseCommandLine adds it), though the generic type cannot show it.
    if ((values as { readonly help?: boolean }).help) {
      process.stdout.write(`${command.usage}\n`);
      return;
    }
    await command.main(values);
  }, command.usage);
}
