/**
 * Starts `npm start`'s local stack for the browser tests, as a person would, on a free port with a
 * throwaway database and its own keys; the console is built first when stale. The console's address
 * goes to the tests in CONSOLE_URL. Answers the teardown that stops it. (The sign-in through a real
 * OpenID provider, oidc.spec.ts, starts a stack of its own.)
 */
import { startStackProcess } from "./local-stack-process";

export default async function globalSetup(): Promise<() => Promise<void>> {
  // A stack already running (while working on the tests): CONSOLE_URL=http://127.0.0.1:3000/
  if (process.env.CONSOLE_URL) return async () => {};
  const stack = await startStackProcess();
  process.env.CONSOLE_URL = stack.consoleUrl;
  return () => stack.stop();
}
