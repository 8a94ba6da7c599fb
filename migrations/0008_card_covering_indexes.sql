DROP INDEX `case_events_case_idx`;--> statement-breakpoint
CREATE INDEX `case_events_case_type_idx` ON `case_events` (`case_id`,`type`);--> statement-breakpoint
DROP INDEX `signals_case_idx`;--> statement-breakpoint
CREATE INDEX `signals_case_rule_idx` ON `signals` (`case_id`,`rule_id`);--> statement-breakpoint
DROP INDEX `observables_case_idx`;--> statement-breakpoint
CREATE INDEX `observables_case_kind_value_idx` ON `observables` (`case_id`,`kind`,`value`,`in_ledger`);--> statement-breakpoint
CREATE INDEX `reports_case_reporter_idx` ON `reports` (`case_id`,`reporter_account_id`,`reporter_name`);