DROP INDEX `reports_sender_idx`;--> statement-breakpoint
CREATE INDEX `reports_sender_case_idx` ON `reports` (`sender_account_id`,`case_id`);