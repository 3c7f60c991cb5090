-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN "clientId" TEXT;

-- CreateTable
CREATE TABLE "IndieAuthCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "codeHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientName" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "codeChallenge" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tokenDays" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "tokenId" TEXT,
    CONSTRAINT "IndieAuthCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "IndieAuthCode_codeHash_key" ON "IndieAuthCode"("codeHash");

-- CreateIndex
CREATE INDEX "IndieAuthCode_userId_idx" ON "IndieAuthCode"("userId");
