-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "viaUrl" TEXT;
