// Loaded into the Prisma CLI (NODE_OPTIONS --require, see prismaCliEnv in lib/cli/process.ts). Its WebAssembly schema
// engine sets a 10-second timer (the advisory lock's time-out on PostgreSQL) that it never clears, so every
// `prisma migrate deploy` sat idle for 10 s after its last migration. Such a timer no longer keeps the process
// alive; it still fires while the process has work (a lock wait is a query in flight, which does).
const setTimeoutWithRef = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutFromEngine(callback, delay, ...args) {
  const timer = setTimeoutWithRef.call(this, callback, delay, ...args);
  if (delay >= 10_000 && /wasm:\/\//.test(new Error().stack ?? "")) timer.unref();
  return timer;
};
