/**
 * `BENCH_CHILD_NODE_ARGS`: extra Node.js flags for the bench's measuring child processes (the write
 * path's server, the province), to look inside a run — e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
 * (Node refuses profiling flags in NODE_OPTIONS).
 */
export const childNodeArgs = (): string[] =>
  process.env.BENCH_CHILD_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
