CREATE TABLE `escalation_timers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`attempt` integer NOT NULL,
	`chain` text NOT NULL,
	`timer_key` text NOT NULL,
	`due_at` integer NOT NULL,
	`fired_at` text,
	`cancelled_at` text,
	`event_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `escalation_timers_key_uq` ON `escalation_timers` (`timer_key`);--> statement-breakpoint
CREATE INDEX `escalation_timers_due_idx` ON `escalation_timers` (`due_at`) WHERE fired_at is null and cancelled_at is null;--> statement-breakpoint
CREATE INDEX `escalation_timers_case_idx` ON `escalation_timers` (`case_id`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `callback_url` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `callback_secret` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `api_token_id` integer;