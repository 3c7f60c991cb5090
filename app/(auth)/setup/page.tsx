import { redirect } from "next/navigation";
import { connection } from "next/server";
import type { Metadata } from "next";
import { SetupForm } from "@/components/auth/setup-form";
import { hasAnyUser } from "@/lib/users/queries";
import { createOwnerAction } from "./actions";

export const metadata: Metadata = { title: "Set up Linkpress", robots: { index: false } };

// GET /setup: first-run creation of the owner account; once anyone has an account it leads to sign-in.
export default async function SetupPage() {
  await connection();
  if (await hasAnyUser()) redirect("/login");
  return (
    <main className="auth-card">
      <h1>Set up Linkpress</h1>
      <p>Create the owner account. The owner is an admin: they publish, and they manage the people who publish.</p>
      <SetupForm action={createOwnerAction} />
    </main>
  );
}
