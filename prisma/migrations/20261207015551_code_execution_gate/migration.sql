-- CreateTable
CREATE TABLE "code_blobs" (
    "workspace_id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "code_blobs_pkey" PRIMARY KEY ("workspace_id","sha256")
);

-- CreateTable
CREATE TABLE "code_runs" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "suggested_by" TEXT,
    "conversation_id" TEXT,
    "language" TEXT NOT NULL,
    "code_sha256" TEXT NOT NULL,
    "parsed" BOOLEAN NOT NULL,
    "operations" JSONB NOT NULL DEFAULT '[]',
    "decision" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '[]',
    "runtime" JSONB,
    "policy_versions" JSONB NOT NULL DEFAULT '[]',
    "approval_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "result_status" TEXT,
    "exit_code" INTEGER,
    "duration_ms" INTEGER,
    "killed_by" TEXT,
    "result_entry_id" TEXT,
    "result_at" TIMESTAMPTZ(3),

    CONSTRAINT "code_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "code_runs_workspace_id_created_at_idx" ON "code_runs"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "code_runs_workspace_id_agent_id_created_at_idx" ON "code_runs"("workspace_id", "agent_id", "created_at");

-- AddForeignKey
ALTER TABLE "code_blobs" ADD CONSTRAINT "code_blobs_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "code_runs" ADD CONSTRAINT "code_runs_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "code_runs" ADD CONSTRAINT "code_runs_workspace_id_code_sha256_fkey" FOREIGN KEY ("workspace_id", "code_sha256") REFERENCES "code_blobs"("workspace_id", "sha256") ON DELETE CASCADE ON UPDATE CASCADE;

