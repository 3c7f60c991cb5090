import { expect, it, vi } from "vitest";
import { signIn } from "@/lib/auth/sign-in";
import { createTestUser, describeDatabase, unique } from "../support/database";

// Account enumeration by timing: an unknown email must cost the same work as a wrong password. Instead of timing
// (noisy on a shared machine), every database call and every hash verification is recorded and compared.
const recorded = vi.hoisted(() => ({ log: null as string[] | null }));

vi.mock("@/lib/db", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/db")>();
  const delegate = (model: string, target: object) =>
    new Proxy(target, {
      get(inner, operation) {
        const value = Reflect.get(inner, operation) as unknown;
        if (typeof value !== "function" || typeof operation !== "string") return value;
        return (...args: unknown[]) => {
          recorded.log?.push(`${model}.${operation}`);
          return (value as (...a: unknown[]) => unknown).apply(inner, args);
        };
      },
    });
  const prisma = new Proxy(actual.prisma, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof key === "string" && !key.startsWith("$") && value !== null && typeof value === "object") return delegate(key, value);
      if (typeof key === "string" && key.startsWith("$") && typeof value === "function") {
        return (...args: unknown[]) => {
          recorded.log?.push(key);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { ...actual, prisma };
});

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...actual,
    verify: (hash: string, password: string) => {
      recorded.log?.push(`argon2.verify(${hash.startsWith("$argon2id$") ? "argon2id hash" : "other"})`);
      return actual.verify(hash, password);
    },
  };
});

let addressCounter = 0;
function address() {
  addressCounter += 1;
  return `198.51.${100 + (process.pid % 50)}.${200 + (addressCounter % 50)}`;
}

async function work(run: () => Promise<unknown>): Promise<string[]> {
  recorded.log = [];
  try {
    await run();
    return recorded.log;
  } finally {
    recorded.log = null;
  }
}

describeDatabase("sign-in does the same work for an unknown email as for a wrong password", () => {
  it("the same database calls in the same order and one verification against an argon2id hash", async () => {
    const user = await createTestUser("EDITOR");
    const wrong = await work(() => signIn({ email: user.email, password: `${user.password}-wrong` }, { ip: address() }));
    const unknown = await work(() => signIn({ email: `${unique("nobody")}@example.test`, password: `${user.password}-wrong` }, { ip: address() }));
    expect(wrong.filter((entry) => entry.startsWith("argon2.verify"))).toEqual(["argon2.verify(argon2id hash)"]);
    expect(wrong).toContain("user.updateMany");
    expect(unknown).toEqual(wrong);
  });

  it("stays the same on later failures of the same email (attempt bookkeeping keyed by the email either way)", async () => {
    const user = await createTestUser("EDITOR");
    const nobody = `${unique("nobody")}@example.test`;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const wrong = await work(() => signIn({ email: user.email, password: `wrong-${attempt}` }, { ip: address() }));
      const unknown = await work(() => signIn({ email: nobody, password: `wrong-${attempt}` }, { ip: address() }));
      expect(unknown, `attempt ${attempt}`).toEqual(wrong);
    }
  });
});
