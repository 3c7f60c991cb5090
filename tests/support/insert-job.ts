// Writes a job straight into the database named by DATABASE_URL and prints its id, for end-to-end tests that need a
// job the worker will refuse (a payload its kind does not accept):
//   node --conditions=react-server --import tsx tests/support/insert-job.ts <kind> <payload JSON>
import { prisma } from "@/lib/db";

async function main() {
  const [kind, payload] = process.argv.slice(2);
  const job = await prisma.job.create({ data: { kind, payload, maxAttempts: 3 }, select: { id: true } });
  console.log(job.id);
  await prisma.$disconnect();
}

void main();
