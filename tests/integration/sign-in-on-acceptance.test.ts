import { decode } from "next-auth/jwt";
import { beforeEach, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { authOptions, SESSION_COOKIE } from "@/lib/auth/options";
import { getSessionUser } from "@/lib/auth/sessions";
import { inviteUser } from "@/lib/users/invitations";
import { choosePasswordAction } from "@/app/(auth)/choose-password-actions";
import { createTestUser, describeDatabase, unique } from "../support/database";

// Accepting an invitation signs the person in on the server: the action sets the very cookie next-auth reads.
const jar = vi.hoisted(() => new Map<string, { value: string; options: Record<string, unknown> }>());
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "192.0.2.55", "user-agent": "acceptance" }),
  cookies: async () => ({
    getAll: () => [],
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => void jar.set(name, { value, options }),
  }),
}));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

const STRONG = "seven tall ships sail north";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Where the action sent the browser (Next's thrown redirect), or its returned state. */
async function run(data: FormData): Promise<string> {
  try {
    return JSON.stringify(await choosePasswordAction({ status: "idle" }, data));
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2];
    throw error;
  }
}

describeDatabase("signed in on accepting an invitation", () => {
  beforeEach(() => jar.clear());

  it("accepting opens a session, sets next-auth's session cookie for it and lands in the admin", async () => {
    const admin = await createTestUser("ADMIN");
    const email = `${unique("accept")}@example.test`;
    const issued = await inviteUser(admin, { name: "Ann Accepts", email, role: "CONTRIBUTOR" });
    expect(await run(form({ token: issued.link.split("/").pop()!, password: STRONG, kind: "invite" }))).toBe("/admin");

    const cookie = jar.get(SESSION_COOKIE.name);
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    const token = await decode({ token: cookie!.value, secret: authOptions.secret! });
    const session = await getSessionUser(String(token?.sid));
    expect(session).toMatchObject({ email, role: "CONTRIBUTOR" });
    expect(await prisma.auditLog.count({ where: { action: "auth.sign_in", targetId: session!.id } })).toBe(1);
  });

  it("a refused acceptance (a spent link, a common password) signs nobody in", async () => {
    const admin = await createTestUser("ADMIN");
    const issued = await inviteUser(admin, { name: "Bo Refused", email: `${unique("refused")}@example.test`, role: "EDITOR" });
    const token = issued.link.split("/").pop()!;
    expect(await run(form({ token, password: "password1", kind: "invite" }))).toContain("most common");
    expect(jar.size).toBe(0);
    expect(await run(form({ token, password: STRONG, kind: "invite" }))).toBe("/admin");
    jar.clear();
    expect(await run(form({ token, password: STRONG, kind: "invite" }))).toContain("already been used");
    expect(jar.size).toBe(0);
  });
});
