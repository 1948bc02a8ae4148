CREATE TABLE "labels" (
	"model_id" uuid NOT NULL,
	"record_id" text NOT NULL,
	"label" double precision,
	"label_class" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_model_id_record_id_pk" PRIMARY KEY("model_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "predictions" (
	"model_id" uuid NOT NULL,
	"record_id" text NOT NULL,
	"model_version_id" uuid NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"prediction" double precision,
	"prediction_class" text,
	"score" double precision,
	"label" double precision,
	"label_class" text,
	"content_hash" text NOT NULL,
	CONSTRAINT "predictions_model_id_record_id_pk" PRIMARY KEY("model_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "reference_calibrations" (
	"model_version_id" uuid PRIMARY KEY NOT NULL,
	"labeled_scores" integer NOT NULL,
	"calibration" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "primary_metric" text;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_calibrations" ADD CONSTRAINT "reference_calibrations_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "predictions_version_ts" ON "predictions" USING btree ("model_version_id","ts");--> statement-breakpoint
-- Free-text tasks that name a quality task become its identifier, as normalizeTask (lib/quality/metrics.ts) does for new ones.
UPDATE "models" SET "task" = CASE regexp_replace(lower(btrim("task")), '[[:space:]-]+', '_', 'g')
  WHEN 'binary_classification' THEN 'binary_classification'
  WHEN 'binary' THEN 'binary_classification'
  WHEN 'multiclass_classification' THEN 'multiclass_classification'
  WHEN 'multi_class_classification' THEN 'multiclass_classification'
  WHEN 'multiclass' THEN 'multiclass_classification'
  WHEN 'regression' THEN 'regression'
  ELSE "task" END;
