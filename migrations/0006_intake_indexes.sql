DROP INDEX `observables_kind_value_idx`;--> statement-breakpoint
CREATE INDEX `observables_kind_value_case_idx` ON `observables` (`kind`,`value`,`case_id`,`in_ledger`);