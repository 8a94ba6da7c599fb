/** Validation for a ReportOrigin (where on a chat platform a report came from). */
import { z } from 'zod';
import { NOTIFIER_PLATFORMS, type ReportOrigin } from '../domain/notifier.ts';

export const reportOriginSchema = z.object({
  platform: z.enum(NOTIFIER_PLATFORMS),
  roomId: z.string().min(1).max(200),
  messageId: z.string().min(1).max(200),
  accountId: z.string().min(1).max(200),
}) satisfies z.ZodType<ReportOrigin>;
