/** One JSON line on stderr for something that went wrong but must not fail the request. */
export function logError(message: string, context: Readonly<Record<string, unknown>>, error: unknown): void {
  console.error(
    JSON.stringify({
      level: "error",
      message,
      ...context,
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    }),
  );
}
