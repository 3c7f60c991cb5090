import { requireAdminPageUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/permissions";

/**
 * A layout that checks sign-in (and the role) before a loading.tsx boundary below it streams anything, so a refused
 * visit still gets a real redirect rather than a streamed page that redirects itself. The page checks again (the
 * session lookup is cached per request).
 */
export function pageGate(callbackPath: string, roles?: Role[]) {
  return async function PageGate({ children }: { children: React.ReactNode }) {
    await requireAdminPageUser(callbackPath, roles);
    return children;
  };
}
