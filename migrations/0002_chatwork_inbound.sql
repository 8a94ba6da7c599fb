CREATE TABLE `inbound_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`event_key` text NOT NULL,
	`event_type` text NOT NULL,
	`raw_body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`result` text,
	`received_at` text NOT NULL,
	`processed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_events_platform_key_uq` ON `inbound_events` (`platform`,`event_key`);--> statement-breakpoint
CREATE INDEX `inbound_events_due_idx` ON `inbound_events` (`status`,`next_attempt_at`);