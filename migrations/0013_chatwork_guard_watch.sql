CREATE TABLE `chatwork_connections` (
	`account_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`access_token` text NOT NULL,
	`refresh_token` text,
	`access_expires_at` integer NOT NULL,
	`scope` text,
	`status` text DEFAULT 'active' NOT NULL,
	`dm_room_id` text,
	`rate_limited_until` integer DEFAULT 0 NOT NULL,
	`last_polled_at` text,
	`last_error` text,
	`connected_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `chatwork_connections_status_idx` ON `chatwork_connections` (`status`);--> statement-breakpoint
CREATE TABLE `chatwork_contact_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_account_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`requester_account_id` integer NOT NULL,
	`verdict` text NOT NULL,
	`report_id` integer,
	`case_id` integer,
	`decline_status` text DEFAULT 'none' NOT NULL,
	`decline_error` text,
	`declined_at` text,
	`seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chatwork_contact_requests_uq` ON `chatwork_contact_requests` (`employee_account_id`,`request_id`);--> statement-breakpoint
CREATE TABLE `chatwork_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`room_id` text,
	`to_account_id` integer,
	`body` text,
	`case_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`message_id` text,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chatwork_notices_key_uq` ON `chatwork_notices` (`key`);--> statement-breakpoint
CREATE INDEX `chatwork_notices_due_idx` ON `chatwork_notices` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `chatwork_oauth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`verifier` text NOT NULL,
	`browser_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` text
);
--> statement-breakpoint
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
--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`acquired_at` text NOT NULL
);
