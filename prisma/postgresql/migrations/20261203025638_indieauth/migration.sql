-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "clientId" TEXT;

-- CreateTable
CREATE TABLE "IndieAuthCode" (
    "id" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientName" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "codeChallenge" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tokenDays" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "tokenId" TEXT,

    CONSTRAINT "IndieAuthCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IndieAuthCode_codeHash_key" ON "IndieAuthCode"("codeHash");

-- CreateIndex
CREATE INDEX "IndieAuthCode_userId_idx" ON "IndieAuthCode"("userId");

-- AddForeignKey
ALTER TABLE "IndieAuthCode" ADD CONSTRAINT "IndieAuthCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
