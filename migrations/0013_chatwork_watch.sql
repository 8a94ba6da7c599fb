CREATE TABLE `chatwork_watch_messages` (
	`room_id` text NOT NULL,
	`message_id` text NOT NULL,
	`body_sha256` text NOT NULL,
	`handled_at` text NOT NULL,
	`report_id` integer,
	`case_id` integer,
	PRIMARY KEY(`room_id`, `message_id`)
);
--> statement-breakpoint
CREATE TABLE `chatwork_watch_rooms` (
	`room_id` text PRIMARY KEY NOT NULL,
	`watched_since` integer NOT NULL,
	`last_polled_at` text,
	`last_error` text,
	`unwatched_at` text
);
