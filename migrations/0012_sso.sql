CREATE TABLE `sign_in_flows` (
	`id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text NOT NULL,
	`next` text NOT NULL,
	`ip` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_flows_expires_idx` ON `sign_in_flows` (`expires_at`);--> statement-breakpoint
CREATE INDEX `sign_in_flows_ip_idx` ON `sign_in_flows` (`ip`,`expires_at`);--> statement-breakpoint
ALTER TABLE `case_events` ADD `actor_email` text;--> statement-breakpoint
ALTER TABLE `case_events` ADD `actor_issuer` text;--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_issuer` text;--> statement-breakpoint
ALTER TABLE `users` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_oidc_uq` ON `users` (`oidc_issuer`,`oidc_subject`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `id_token` text;