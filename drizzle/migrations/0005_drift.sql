CREATE TABLE "drift_daily" (
	"model_version_id" uuid NOT NULL,
	"feature" text NOT NULL,
	"day" date NOT NULL,
	"method" text NOT NULL,
	"statistic" double precision,
	"p_value" double precision,
	"threshold" double precision NOT NULL,
	"drifted" boolean NOT NULL,
	"n_ref" integer NOT NULL,
	"n_cur" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drift_daily_model_version_id_feature_day_pk" PRIMARY KEY("model_version_id","feature","day")
);
--> statement-breakpoint
CREATE TABLE "drift_settings" (
	"model_id" uuid NOT NULL,
	"feature" text NOT NULL,
	"method" text,
	"threshold" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "drift_settings_model_id_feature_pk" PRIMARY KEY("model_id","feature")
);
--> statement-breakpoint
CREATE TABLE "feature_buckets" (
	"model_version_id" uuid NOT NULL,
	"feature" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"value_kind" text,
	"seen" bigint DEFAULT 0 NOT NULL,
	"missing" bigint DEFAULT 0 NOT NULL,
	"sample" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "feature_buckets_model_version_id_feature_hour_pk" PRIMARY KEY("model_version_id","feature","hour")
);
--> statement-breakpoint
CREATE TABLE "feature_references" (
	"model_version_id" uuid NOT NULL,
	"feature" text NOT NULL,
	"value_kind" text NOT NULL,
	"values" jsonb NOT NULL,
	"missing" integer NOT NULL,
	"record_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "feature_references_model_version_id_feature_pk" PRIMARY KEY("model_version_id","feature")
);
--> statement-breakpoint
ALTER TABLE "drift_daily" ADD CONSTRAINT "drift_daily_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_settings" ADD CONSTRAINT "drift_settings_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_buckets" ADD CONSTRAINT "feature_buckets_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_references" ADD CONSTRAINT "feature_references_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;