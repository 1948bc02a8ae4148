-- Raw metric points are partitioned by UTC day, so retention drops whole days instead of deleting
-- rows, and a read of a recent range touches the recent days only. Rows for a day without its own
-- partition (far past or future) wait in the default partition until that day gets one.
ALTER TABLE "metric_points" RENAME TO "metric_points_before_partitioning";--> statement-breakpoint
ALTER INDEX "metric_points_series_ts" RENAME TO "metric_points_before_partitioning_series_ts";--> statement-breakpoint
ALTER INDEX "metric_points_ts" RENAME TO "metric_points_before_partitioning_ts";--> statement-breakpoint
ALTER TABLE "metric_points_before_partitioning" RENAME CONSTRAINT "metric_points_model_version_id_model_versions_id_fk" TO "metric_points_before_partitioning_fk";--> statement-breakpoint
CREATE TABLE "metric_points" (
	"model_version_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"ts" timestamp (3) with time zone NOT NULL,
	"value" double precision NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL
) PARTITION BY RANGE ("ts");--> statement-breakpoint
CREATE TABLE "metric_points_default" PARTITION OF "metric_points" DEFAULT;--> statement-breakpoint
ALTER TABLE "metric_points" ADD CONSTRAINT "metric_points_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metric_points_series_ts" ON "metric_points" USING btree ("model_version_id","metric","ts");--> statement-breakpoint
CREATE INDEX "metric_points_ts" ON "metric_points" USING btree ("ts");--> statement-breakpoint
-- Creates the day partitions from first_day to last_day that do not exist yet, moving any of their
-- rows out of the default partition. SECURITY DEFINER: the server's role may add days without
-- owning the table; one caller at a time, so replicas starting together do not race.
CREATE FUNCTION "metric_points_add_days"(first_day date, last_day date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	day date := first_day;
	part text;
	added integer := 0;
BEGIN
	PERFORM pg_advisory_xact_lock(7461020);
	WHILE day <= last_day LOOP
		part := 'metric_points_p' || to_char(day, 'YYYYMMDD');
		IF to_regclass(part) IS NULL THEN
			EXECUTE format('CREATE TABLE %I (LIKE metric_points INCLUDING DEFAULTS)', part);
			EXECUTE format(
				'WITH moved AS (DELETE FROM metric_points_default WHERE ts >= %L AND ts < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
				day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC', part);
			EXECUTE format('ALTER TABLE metric_points ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
				part, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
			added := added + 1;
		END IF;
		day := day + 1;
	END LOOP;
	RETURN added;
END $$;--> statement-breakpoint
-- Drops the day partitions that end at or before the cutoff, then deletes what is left before it
-- (the cutoff's own day and the default partition); returns how many points went.
CREATE FUNCTION "metric_points_drop_days_before"(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
	part record;
	n bigint;
	gone bigint := 0;
BEGIN
	PERFORM pg_advisory_xact_lock(7461020);
	FOR part IN
		SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = 'metric_points'::regclass AND c.relname ~ '^metric_points_p[0-9]{8}$'
			AND (to_date(substr(c.relname, 16), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= cutoff
	LOOP
		EXECUTE format('SELECT count(*) FROM %I', part.relname) INTO n;
		EXECUTE format('DROP TABLE %I', part.relname);
		gone := gone + n;
	END LOOP;
	WITH deleted AS (DELETE FROM metric_points WHERE ts < cutoff RETURNING 1) SELECT gone + count(*) INTO gone FROM deleted;
	RETURN gone;
END $$;--> statement-breakpoint
-- Days for the rows already kept (the last 60 days at most; older ones wait in the default partition for retention).
SELECT "metric_points_add_days"(
	(greatest(min(ts), now() - interval '60 days') AT TIME ZONE 'UTC')::date,
	(greatest(max(ts), now() - interval '60 days') AT TIME ZONE 'UTC')::date
) FROM "metric_points_before_partitioning" HAVING count(*) > 0;--> statement-breakpoint
INSERT INTO "metric_points" SELECT * FROM "metric_points_before_partitioning";--> statement-breakpoint
DROP TABLE "metric_points_before_partitioning";
