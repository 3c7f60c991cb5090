import "server-only";
import { headers } from "next/headers";
import { clientIp } from "./client-address";

export type RequestMeta = { ip: string | null; userAgent: string | null };

/** The client's address and browser for the current request; empty outside a request (scripts, tests). */
export async function currentRequestMeta(): Promise<RequestMeta> {
  try {
    const list = await headers();
    return { ip: clientIp((name) => list.get(name)), userAgent: list.get("user-agent") };
  } catch {
    return { ip: null, userAgent: null };
  }
}
