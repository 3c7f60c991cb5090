import "server-only";
// Every request limit (sign-in throttle, reset requests, captures, API and Micropub calls, prefills) counts in the
// database's RateLimiterFlexible table, so a limit reached through one app instance holds on all of them, with no
// other service to run. docs/operations.md ("Several instances") says why the database and not Redis.
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { prisma } from "@/lib/db";

export type SharedLimit = {
  /** Namespaces the keys of one limit in the shared table. */
  keyPrefix: string;
  /** Points (calls, failures) a key may consume per window. */
  points: number;
  /** The window, in seconds. */
  duration: number;
};

/**
 * A limiter on the shared table, made on first use (the store starts a clean-up timer, which importing a module for
 * its types or at build time should not).
 */
export function sharedLimiter(limit: SharedLimit): () => RateLimiterPrisma {
  let limiter: RateLimiterPrisma | undefined;
  return () => (limiter ??= new RateLimiterPrisma({ storeClient: prisma, tableName: "rateLimiterFlexible", ...limit }));
}
