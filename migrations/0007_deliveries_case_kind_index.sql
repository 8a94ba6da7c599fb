DROP INDEX `deliveries_case_platform_idx`;--> statement-breakpoint
CREATE INDEX `deliveries_case_kind_idx` ON `deliveries` (`case_id`,`kind`,`platform`,`target`);