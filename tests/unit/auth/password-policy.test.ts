import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";

const list = readFileSync(path.resolve(__dirname, "../../../lib/auth/common-passwords.txt"), "utf8")
  .split("\n")
  .filter((line) => line && !line.startsWith("#"));

describe("passwordProblem", () => {
  it("ships a list of at least 10,000 common passwords, lower-case, without duplicates", () => {
    expect(list.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(list).size).toBe(list.length);
    for (const entry of list.slice(0, 500)) expect(entry).toBe(entry.toLowerCase());
  });

  it.each([
    "password",
    "Password1",
    "PASSWORD123",
    "12345678",
    "123456789",
    "qwerty123",
    "iloveyou",
    "sunshine1",
    "letmein!",
    "football2024",
    "abc12345",
    "11111111",
    "qwertyuiop",
    "P@ssw0rd",
    "welcome123",
    "dragon2000",
    "monkey123",
  ])("refuses the common %j", (password) => {
    expect(passwordProblem(password)).toMatch(/most common/);
  });

  it.each([
    ["short", /at least 8/],
    ["", /at least 8/],
    ["x".repeat(129), /at most 128/],
  ])("refuses %j by length", (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it("refuses one's own email or name", () => {
    expect(passwordProblem("ada.lovelace@example.com", { email: "ada.lovelace@example.com" })).toMatch(/email address or name/);
    expect(passwordProblem("Ada.Lovelace", { email: "ada.lovelace@example.com" })).toMatch(/email address or name/);
    expect(passwordProblem("Ada Lovelace", { name: "ada lovelace" })).toMatch(/email address or name/);
  });

  it.each(["correct horse battery staple", "tr0ub4dor&3-but-longer", "x".repeat(128), "żółta łódź podwodna", "🙂🙃🙂🙃🙂🙃🙂🙃", "        spaces count too"])(
    "accepts %j without composition rules",
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );
});
