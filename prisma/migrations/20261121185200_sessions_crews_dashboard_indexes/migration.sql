-- CreateIndex
CREATE INDEX "sessions_workspace_id_created_at_id_idx" ON "sessions"("workspace_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_authorizations_workspace_id_crew_id_created_at_idx" ON "payment_authorizations"("workspace_id", "crew_id", "created_at");

