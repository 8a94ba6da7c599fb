ALTER TABLE `teams_bindings` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `teams_bindings` ADD `approved_by` text;--> statement-breakpoint
-- Bindings made before approvals existed keep receiving cards (escalation must not stop silently
-- on upgrade); docs/operations.md asks admins to review them in /admin.
UPDATE `teams_bindings` SET `approved_at` = `updated_at`, `approved_by` = 'upgrade (bound before approvals)' WHERE `removed_at` IS NULL;
