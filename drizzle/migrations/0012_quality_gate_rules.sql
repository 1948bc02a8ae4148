ALTER TABLE "promotion_requests" ADD COLUMN "quality_rules" jsonb;--> statement-breakpoint
-- Requests made before the quality gate bind the task and primary metric their model has now.
UPDATE "promotion_requests" AS r SET "quality_rules" = jsonb_build_object(
  'task', m."task",
  'metric', coalesce(m."primary_metric", CASE m."task" WHEN 'binary_classification' THEN 'roc_auc' WHEN 'multiclass_classification' THEN 'accuracy' ELSE 'rmse' END)
)
FROM "models" AS m
WHERE m."id" = r."model_id" AND m."task" IN ('binary_classification', 'multiclass_classification', 'regression');
