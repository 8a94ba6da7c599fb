CREATE TABLE `teams_bindings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`service_url` text NOT NULL,
	`tenant_id` text,
	`channel_name` text,
	`team_name` text,
	`bot_id` text NOT NULL,
	`bot_name` text,
	`source` text NOT NULL,
	`bound_by_name` text,
	`bound_by_aad_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_bindings_conversation_uq` ON `teams_bindings` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `teams_bindings_removed_idx` ON `teams_bindings` (`removed_at`);