CREATE TABLE `audit_head` (
	`id` integer PRIMARY KEY NOT NULL,
	`events` integer NOT NULL,
	`last_hash` text NOT NULL,
	`keyed_at` text NOT NULL,
	`legacy_events` integer NOT NULL,
	`legacy_last_hash` text NOT NULL,
	`mac` text NOT NULL
);
