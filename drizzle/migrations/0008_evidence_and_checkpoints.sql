-- Checkpoints of the audit chain: append-only like the trail. The guard names the table it refuses for.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_checkpoints_at" ON "audit_checkpoints" USING btree ("at");--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Reference samples are kept when replaced; each version's current reference becomes its sample in force.
CREATE TABLE "reference_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_version_id" uuid NOT NULL,
	"record_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"replaced_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "reference_samples" ADD CONSTRAINT "reference_samples_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reference_samples_in_force" ON "reference_samples" USING btree ("model_version_id") WHERE replaced_at is null;--> statement-breakpoint
INSERT INTO "reference_samples" ("model_version_id", "record_count", "created_at", "created_by")
  SELECT "model_version_id", max("record_count"), min("created_at"), min("created_by") FROM "feature_references" GROUP BY "model_version_id";--> statement-breakpoint
ALTER TABLE "feature_references" ADD COLUMN "sample_id" uuid;--> statement-breakpoint
UPDATE "feature_references" f SET "sample_id" = s."id" FROM "reference_samples" s WHERE s."model_version_id" = f."model_version_id";--> statement-breakpoint
ALTER TABLE "feature_references" ALTER COLUMN "sample_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "feature_references" DROP CONSTRAINT "feature_references_model_version_id_model_versions_id_fk";--> statement-breakpoint
ALTER TABLE "feature_references" DROP CONSTRAINT "feature_references_model_version_id_feature_pk";--> statement-breakpoint
ALTER TABLE "feature_references" ADD CONSTRAINT "feature_references_sample_id_feature_pk" PRIMARY KEY("sample_id","feature");--> statement-breakpoint
ALTER TABLE "feature_references" ADD CONSTRAINT "feature_references_sample_id_reference_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."reference_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_references" DROP COLUMN "model_version_id";--> statement-breakpoint
ALTER TABLE "feature_references" DROP COLUMN "record_count";--> statement-breakpoint
ALTER TABLE "feature_references" DROP COLUMN "created_at";--> statement-breakpoint
ALTER TABLE "feature_references" DROP COLUMN "created_by";--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "require_producing_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Requests made before drift evidence was bound keep what is in force now.
ALTER TABLE "promotion_requests" ADD COLUMN "reference_sample_id" uuid;--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD COLUMN "drift_settings" jsonb;--> statement-breakpoint
UPDATE "promotion_requests" r SET
  "reference_sample_id" = (
    SELECT s."id" FROM "reference_samples" s JOIN "model_versions" v ON v."id" = s."model_version_id"
    WHERE v."model_id" = r."model_id" AND v."version" = r."version" AND s."replaced_at" IS NULL),
  "drift_settings" = COALESCE(
    (SELECT jsonb_object_agg(d."feature", jsonb_build_object('method', d."method", 'threshold', d."threshold")) FROM "drift_settings" d WHERE d."model_id" = r."model_id"),
    '{}'::jsonb);--> statement-breakpoint
ALTER TABLE "promotion_requests" ALTER COLUMN "drift_settings" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_reference_sample_id_reference_samples_id_fk" FOREIGN KEY ("reference_sample_id") REFERENCES "public"."reference_samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Gates evaluated before gates had a status: passed or failed, as they were shown.
UPDATE "promotion_requests" SET "gates" = (
  SELECT COALESCE(jsonb_agg(g || jsonb_build_object('status', CASE WHEN (g->>'passed')::boolean THEN 'passed' ELSE 'failed' END) ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements("gates") WITH ORDINALITY AS e(g, n));
