// A stand-in worker process for supervisor tests: STUB_MODE says how it behaves.
const mode = process.env.STUB_MODE;
if (mode === 'exit') process.exit(3);
// Handlers first, then "ready": the supervisor may signal the moment it hears it.
if (mode === 'ignore-sigterm') process.on('SIGTERM', () => {});
else process.on('SIGTERM', () => process.exit(0));
process.send?.({ type: 'worker-ready' });
if (mode === 'ready-then-exit') setTimeout(() => process.exit(1), 30);
setInterval(() => {}, 1_000);
