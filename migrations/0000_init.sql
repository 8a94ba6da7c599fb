CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`resolution` text,
	`actor_platform` text NOT NULL,
	`actor_user_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`note` text,
	`data` text,
	`at` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`resolution` text,
	`severity` text NOT NULL,
	`score` real NOT NULL,
	`report_count` integer DEFAULT 0 NOT NULL,
	`first_report_at` text NOT NULL,
	`last_report_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`opened_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cases_status_last_report_idx` ON `cases` (`status`,`last_report_at`);--> statement-breakpoint
CREATE INDEX `cases_severity_idx` ON `cases` (`severity`);--> statement-breakpoint
CREATE TABLE `chat_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`platform` text NOT NULL,
	`target` text NOT NULL,
	`channel` text NOT NULL,
	`message_id` text NOT NULL,
	`meta` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_posts_case_platform_target_uq` ON `chat_posts` (`case_id`,`platform`,`target`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`kind` text NOT NULL,
	`case_id` integer NOT NULL,
	`target` text NOT NULL,
	`delivery_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`payload` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_key_uq` ON `deliveries` (`delivery_key`);--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `deliveries_case_platform_idx` ON `deliveries` (`case_id`,`platform`,`target`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`source` text NOT NULL,
	`external_id` text,
	`message_body` text NOT NULL,
	`sender_account_id` integer,
	`sender_name` text,
	`sent_at` text,
	`reporter_account_id` integer,
	`reporter_name` text,
	`note` text,
	`payload` text NOT NULL,
	`origin` text,
	`verdict` text NOT NULL,
	`score` real NOT NULL,
	`summary` text NOT NULL,
	`identity` text,
	`received_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_source_external_id_uq` ON `reports` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `reports_case_idx` ON `reports` (`case_id`);--> statement-breakpoint
CREATE INDEX `reports_sender_idx` ON `reports` (`sender_account_id`);--> statement-breakpoint
CREATE TABLE `signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`report_id` integer NOT NULL,
	`rule_id` text NOT NULL,
	`category` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signals_case_idx` ON `signals` (`case_id`);--> statement-breakpoint
CREATE INDEX `signals_report_idx` ON `signals` (`report_id`);--> statement-breakpoint
CREATE TABLE `observables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`report_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`display` text NOT NULL,
	`in_ledger` integer,
	`details` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `observables_kind_value_idx` ON `observables` (`kind`,`value`);--> statement-breakpoint
CREATE INDEX `observables_case_idx` ON `observables` (`case_id`);--> statement-breakpoint
CREATE TABLE `organization` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`domain` text,
	`revision` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kana` text,
	`role` text,
	`executive` integer DEFAULT false NOT NULL,
	`chatwork_account_id` integer,
	`email` text,
	`phone` text
);
--> statement-breakpoint
CREATE INDEX `people_chatwork_account_idx` ON `people` (`chatwork_account_id`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company` text NOT NULL,
	`contact_name` text,
	`chatwork_account_id` integer,
	`email` text,
	`phone` text
);
--> statement-breakpoint
CREATE INDEX `partners_chatwork_account_idx` ON `partners` (`chatwork_account_id`);--> statement-breakpoint
CREATE TABLE `partner_bank_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`bank` text NOT NULL,
	`branch` text NOT NULL,
	`type` text NOT NULL,
	`number` text NOT NULL,
	`holder` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_bank_accounts_partner_idx` ON `partner_bank_accounts` (`partner_id`);--> statement-breakpoint
CREATE INDEX `partner_bank_accounts_number_idx` ON `partner_bank_accounts` (`number`);