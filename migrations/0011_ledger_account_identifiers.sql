ALTER TABLE `partner_bank_accounts` ADD `swift` text;--> statement-breakpoint
ALTER TABLE `partner_bank_accounts` ADD `iban` text;--> statement-breakpoint
ALTER TABLE `partner_bank_accounts` ADD `bank_code` text;--> statement-breakpoint
ALTER TABLE `partner_bank_accounts` ADD `branch_code` text;--> statement-breakpoint
ALTER TABLE `partner_bank_accounts` ADD `country` text;--> statement-breakpoint
ALTER TABLE `partner_bank_accounts` ADD `bank_latin` text;--> statement-breakpoint
ALTER TABLE `partner_bank_accounts` ADD `branch_latin` text;--> statement-breakpoint
ALTER TABLE `partner_bank_accounts` ADD `holder_latin` text;