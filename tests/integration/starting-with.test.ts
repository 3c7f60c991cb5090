import { afterAll, expect, it } from "vitest";
import { prisma, startingWith } from "@/lib/db";
import { describeDatabase, unique } from "../support/database";

// startingWith (lib/db.ts) serves the slug clash look-up of every save and import and the capture's "this host's past
// posts": a LIKE on PostgreSQL, a range on the index on SQLite. Both must find exactly the text that starts with the
// prefix as typed, whatever characters follow it or stand in it.
describeDatabase("startingWith", () => {
  const base = unique("prefix");
  const created: string[] = [];

  async function postWithSlug(slug: string) {
    const post = await prisma.post.create({ data: { title: slug, slug, externalUrl: `https://starting-with.example/${encodeURIComponent(slug)}` } });
    created.push(post.id);
  }

  afterAll(async () => {
    await prisma.post.deleteMany({ where: { id: { in: created } } });
  });

  it("finds every slug that starts with the prefix, and nothing else", async () => {
    const starting = [base, `${base}-2`, `${base}-10`, `${base}x`, `${base}_`, `${base}%`, `${base}é`, `${base}\u{FFFD}`, `${base}😀`, `${base}\u{10FFFD}`];
    // Lookalikes: `_` and `%` are characters, not wildcards; case counts; a shorter text is not a match.
    const lookalikes = [base.slice(0, -1), `${base.slice(0, 3)}_${base.slice(4)}`, base.toUpperCase(), `${base.slice(0, -1)}~`, `x${base}`];
    for (const slug of [...starting, ...lookalikes]) await postWithSlug(slug);

    const found = await prisma.post.findMany({ where: { slug: startingWith(base) }, select: { slug: true } });
    expect(found.map((post) => post.slug).sort()).toEqual([...starting].sort());

    const wildcard = `${base.slice(0, 3)}_${base.slice(4)}`;
    const foundByWildcard = await prisma.post.findMany({ where: { slug: startingWith(wildcard) }, select: { slug: true } });
    expect(foundByWildcard.map((post) => post.slug)).toEqual([wildcard]);
  });
});
