// Signals between parts of one process that do not share modules: Next's bundles (where the worker and every
// enqueuing mutation run) and the production HTTP server (bundled apart, lib/server/main.ts). Kept on globalThis, and
// free of database imports, so that both sides can load this file.

type Signals = { wake: Set<() => void>; shutdown: Set<() => Promise<void>>; exit: Set<() => Promise<void>> };
const globalForSignals = globalThis as unknown as { linkpressJobSignals?: Signals };
const signals: Signals = (globalForSignals.linkpressJobSignals ??= { wake: new Set(), shutdown: new Set(), exit: new Set() });
// A process whose signals were made before exit hooks existed (a dev reload keeps globalThis) gains the set.
signals.exit ??= new Set();

/** Calls `listener` whenever a job is enqueued in this process; returns the function that stops it. */
export function onJobEnqueued(listener: () => void): () => void {
  signals.wake.add(listener);
  return () => signals.wake.delete(listener);
}

/** Wakes this process's worker at once instead of at its next poll. */
export function announceJobEnqueued(): void {
  for (const listener of signals.wake) listener();
}

/** Work to finish before the process exits (the worker's drain); returns the function that removes it. */
export function onShutdown(hook: () => Promise<void>): () => void {
  signals.shutdown.add(hook);
  return () => signals.shutdown.delete(hook);
}

/** Runs every shutdown hook (the server calls this on SIGTERM before it exits). */
export async function runShutdownHooks(): Promise<void> {
  await Promise.allSettled([...signals.shutdown].map((hook) => hook()));
}

/** Work for the very end, after the shutdown hooks and the last request (closing the database). */
export function onExit(hook: () => Promise<void>): () => void {
  signals.exit.add(hook);
  return () => signals.exit.delete(hook);
}

/** Runs every exit hook (the server calls this once requests and shutdown hooks are done). */
export async function runExitHooks(): Promise<void> {
  await Promise.allSettled([...signals.exit].map((hook) => hook()));
}
