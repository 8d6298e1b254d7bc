/**
 * A button's action on the API outside a form (withdraw, accept, run a check): busy while it runs,
 * the API's message when it is refused, and the page's data read again either way.
 */
import { useState } from "react";

export function useAction(afterwards: () => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      afterwards();
    }
  };
  return { run, busy, problem };
}
