import { z } from 'zod';

/**
 * A forwarded report: the suspicious message plus what the reporting employee knows.
 * Same shape as the `report` object of `corpus.jsonl` of `examples/corpus/<company>/`.
 */
export const reportSchema = z.object({
  message: z.object({
    body: z.string(),
    sender: z
      .object({
        accountId: z.number().int().nullable().optional(),
        name: z.string().nullable().optional(),
      })
      .nullable()
      .optional(),
    sentAt: z.string().nullable().optional(),
  }),
  context: z
    .object({
      contactApprovedAt: z.string().nullable().optional(),
      roomType: z.enum(['direct', 'group']).nullable().optional(),
    })
    .nullable()
    .optional(),
  reporter: z
    .object({
      accountId: z.number().int().nullable().optional(),
      name: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  note: z.string().nullable().optional(),
});

export type Report = z.infer<typeof reportSchema>;
