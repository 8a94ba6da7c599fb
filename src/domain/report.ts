import { z } from 'zod';

/** The largest message body intake takes: 64 KiB of UTF-8 (about 21,000 Japanese characters), far more than any chat message. */
export const MAX_MESSAGE_BODY_BYTES = 64 * 1024;

/** The error for a longer one, the same on the API, the console form and the Chatwork webhook (422 naming the field). */
export const MESSAGE_BODY_TOO_LARGE = `メッセージ本文は64KB（UTF-8で${MAX_MESSAGE_BODY_BYTES}バイト）までです / the message body is limited to 64 KB (${MAX_MESSAGE_BODY_BYTES} bytes of UTF-8)`;

/** True when `text` fits the cap (a free-text field of a report: the message body or the note). */
export const withinBodyCap = (text: string) => text.length <= MAX_MESSAGE_BODY_BYTES && Buffer.byteLength(text, 'utf8') <= MAX_MESSAGE_BODY_BYTES;

/** Any other free text of a report, under the same cap. */
const capped = (ja: string, en: string) =>
  z.string().refine(withinBodyCap, `${ja}は64KBまでです / ${en} is limited to 64 KB (${MAX_MESSAGE_BODY_BYTES} bytes of UTF-8)`);
const name = () => capped('名前', 'a name').nullable().optional();
const when = () => z.string().max(64).nullable().optional();

/**
 * A forwarded report: the suspicious message plus what the reporting employee knows.
 * Same shape as the `report` object of `corpus.jsonl` of `examples/corpus/<company>/`. Every
 * text is bounded (64 KB each; times 64 characters), so no report, and so no page of a case, can
 * grow without limit.
 */
export const reportSchema = z.object({
  message: z.object({
    body: z.string().refine(withinBodyCap, MESSAGE_BODY_TOO_LARGE),
    sender: z
      .object({
        accountId: z.number().int().nullable().optional(),
        name: name(),
      })
      .nullable()
      .optional(),
    sentAt: when(),
  }),
  context: z
    .object({
      contactApprovedAt: when(),
      roomType: z.enum(['direct', 'group']).nullable().optional(),
    })
    .nullable()
    .optional(),
  reporter: z
    .object({
      accountId: z.number().int().nullable().optional(),
      name: name(),
    })
    .nullable()
    .optional(),
  note: capped('メモ', 'the note').nullable().optional(),
});

export type Report = z.infer<typeof reportSchema>;
