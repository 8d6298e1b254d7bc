/**
 * The shape of functions/ (docs/decisions/0008-parts-and-an-application-layer.md), checked on every
 * `npm run lint`: no cycles; the pure domain imports nothing of ours outside it and no AWS; the shared
 * kernel imports no part; a part never imports a part that depends on it.
 */
const parts = "(registry|topics|notices|invitations|users|meta)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment:
        "An import cycle makes two modules one; break it with a port or by moving the shared part down.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "functions/domain holds the pure rules: no AWS, no I/O, nothing of ours from outside it.",
      from: { path: "^functions/domain/" },
      to: {
        pathNot: ["^functions/domain/", "^node_modules/@date-fns/", "^node_modules/ulid/"],
      },
    },
    {
      name: "kernel-imports-no-part",
      severity: "error",
      comment: "The shared kernel (http, table, clock, config, log) serves every part and knows none.",
      from: { path: "^functions/kernel/" },
      to: { path: `^functions/(${parts.slice(1, -1)})/` },
    },
    {
      name: "registry-is-the-base-part",
      severity: "error",
      comment: "Topics and notices build on the registry, never the other way round.",
      from: { path: "^functions/registry/" },
      to: { path: "^functions/(topics|notices|invitations|users|meta)/" },
    },
    {
      name: "invitations-build-on-registry-and-notices",
      severity: "error",
      comment:
        "Invitations change who serves where (registry) and tell the member (notices); nothing below imports them, and they know no topics beyond a key.",
      from: { path: "^functions/invitations/" },
      to: { path: "^functions/(topics|meta)/" },
    },
    {
      name: "nothing-below-imports-invitations",
      severity: "error",
      from: { path: "^functions/(registry|topics|notices|kernel|domain)/" },
      to: { path: "^functions/invitations/" },
    },
    {
      name: "notices-know-no-topics",
      severity: "error",
      comment: "Topics send notices; the delivery log learns about topics through a port (NoticeSubjects).",
      from: { path: "^functions/notices/" },
      to: { path: "^functions/(topics|invitations|meta)/" },
    },
    {
      name: "users-build-on-registry",
      severity: "error",
      comment:
        "Users name stations and members (registry); the kernel resolves callers through its own read of the record, never through this part.",
      from: { path: "^functions/users/" },
      to: { path: "^functions/(topics|notices|invitations|activities|meta)/" },
    },
    {
      name: "nothing-below-imports-users",
      severity: "error",
      from: { path: "^functions/(registry|topics|notices|invitations|activities|kernel|domain)/" },
      to: { path: "^functions/users/" },
    },
    {
      name: "nothing-imports-meta-or-entries",
      severity: "error",
      comment: "meta composes every part for the OpenAPI document; Lambda entries are roots.",
      from: { path: "^functions/", pathNot: ["^functions/meta/", "^functions/[^/]+\\.ts$"] },
      to: { path: ["^functions/meta/", "^functions/[^/]+\\.ts$"] },
    },
    {
      name: "http-never-imports-loop-tasks",
      severity: "error",
      comment: "The API and the state machine's tasks share use cases; neither imports the other.",
      from: { path: "^functions/(topics/operations|kernel/http)/" },
      to: { path: "^functions/topics/loop/(await-step|enter-step|remind|resume-step)\\.ts$" },
    },
    {
      name: "loop-tasks-never-import-http",
      severity: "error",
      from: { path: "^functions/topics/loop/" },
      to: { path: ["^functions/kernel/http/", "^functions/[^/]+/operations/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: ["^functions/", "^node_modules/"],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
