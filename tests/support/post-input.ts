import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { postFormSchema, type PostInput } from "@/lib/posts/schema";
import { unique } from "./database";

/** A word no other test uses: letters only, so every tokenizer and stemmer keeps it one word (and it is its own slug). */
export function searchableWord(prefix = "zq"): string {
  return `${prefix}${Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
}

/**
 * A post as the form's schema accepts it: a title starting with `title` and a URL under `/<area>/`, both made unique,
 * a TL;DR and a summary, then `overrides`.
 */
export function testPostInput(area: string, title: string, overrides: Partial<Record<keyof PostInput, string>> = {}): PostInput {
  const id = unique(area);
  return postFormSchema.parse({
    ...EMPTY_POST_FORM,
    title: `${title} ${id}`,
    externalUrl: `https://www.example.org/${area}/${id}/`,
    tldr: "A short overview of the article.",
    summary: "The article walks through the setup step by step.",
    ...overrides,
  });
}
