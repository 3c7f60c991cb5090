import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { CONTENT_VERSION_KEY } from "./queries";

/** Stores a new content version, which tells every app instance to drop its cached public content. */
export async function bumpContentVersion(): Promise<string> {
  const value = randomUUID();
  await prisma.setting.upsert({ where: { key: CONTENT_VERSION_KEY }, create: { key: CONTENT_VERSION_KEY, value }, update: { value } });
  return value;
}
