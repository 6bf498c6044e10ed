// The architecture's import rules (ARCHITECTURE.md, "Invariants"), checked by
// `npm run lint:deps` as part of `npm test`. Type-only imports count too.
/** Stages of src/core, lowest first: a stage imports only from stages before it. */
const STAGES = ['text', 'tokenizer', 'recognise', 'actions', 'tags', 'formats', 'engine'];

/** What each stage must not import (every later stage, except where the table below allows it). */
const allowedLater = {
  // the tag model is independent of recognition; formats read tags; the engine runs everything
  tags: [],
  formats: [],
};

const layering = STAGES.map((stage, i) => {
  const later = STAGES.slice(i + 1).filter((s) => !(allowedLater[stage] ?? []).includes(s));
  return {
    name: `layer-${stage}`,
    comment: `src/core/${stage}/ imports only from earlier stages (${STAGES.slice(0, i).join(', ') || 'none'}) and src/core/types.ts`,
    severity: 'error',
    from: { path: `^src/core/${stage}/` },
    to: { path: `^src/core/(${later.join('|')})/` },
  };
}).filter((rule) => rule.to.path !== '^src/core/()/');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere in src/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'src/core never imports vscode: it runs in plain node (CLI, worker, unit tests).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^vscode$' },
    },
    {
      name: 'core-not-adapter',
      comment: 'src/core never imports the editor adapter or the entry points.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(vscode/|extension\\.ts|cli\\.ts|worker\\.ts)' },
    },
    {
      name: 'worker-side-alone',
      comment: 'engine/serve.ts is the worker side of the protocol: only the workers (src/worker.ts; the web build\'s src/web/engineEndpoint.ts, served by src/web/worker.ts or on the web extension host\'s own worker thread) use it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(worker|web/engineEndpoint)\\.ts$' },
      to: { path: '^src/core/engine/serve\\.ts$' },
    },
    {
      name: 'types-at-the-root',
      comment: 'src/core/types.ts (entity, token, action) imports nothing of the project.',
      severity: 'error',
      from: { path: '^src/core/types\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'adapter-through-the-client',
      comment: 'The editor adapter reaches the engine through engine/client.ts (a worker), never by running it on the host thread.',
      severity: 'error',
      from: { path: '^src/(vscode/|extension\\.ts)' },
      to: { path: '^src/core/(engine/engine|recognise|tokenizer|actions)/?' },
    },
    ...layering,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
