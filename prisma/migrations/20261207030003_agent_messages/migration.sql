-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "trusted" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "agent_messages" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "sender_agent_id" TEXT NOT NULL,
    "recipient_agent_id" TEXT NOT NULL,
    "conversation_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "content_sha256" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "detections" JSONB NOT NULL,
    "sensitive_hashes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "decision" TEXT NOT NULL,
    "override_reason" TEXT,
    "receipt_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_messages_workspace_id_conversation_id_created_at_idx" ON "agent_messages"("workspace_id", "conversation_id", "created_at");

-- CreateIndex
CREATE INDEX "agent_messages_workspace_id_sender_agent_id_created_at_idx" ON "agent_messages"("workspace_id", "sender_agent_id", "created_at");

-- AddForeignKey
ALTER TABLE "agent_messages" ADD CONSTRAINT "agent_messages_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

