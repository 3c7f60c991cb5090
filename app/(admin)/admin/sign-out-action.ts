"use server";

import { redirect } from "next/navigation";
import { endSession } from "@/lib/auth/start-session";

// No user check: signing out when already signed out simply lands on the sign-in page.
export async function signOutAction(): Promise<never> {
  await endSession();
  redirect("/login");
}
