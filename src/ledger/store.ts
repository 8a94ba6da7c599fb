/**
 * The stored ledger (people, partners, their bank accounts). Detection reads it as a
 * `Directory`; `replace` swaps the whole ledger in one transaction and bumps a revision so every
 * process (the server, a CLI import) notices its cached copy is stale.
 */
import { eq } from 'drizzle-orm';
import { perDb } from '../db/memo.ts';
import { OPTIONAL_ACCOUNT_FIELDS, emptyDirectory, type BankAccount, type Directory } from '../domain/directory.ts';
import type { Db } from '../db/client.ts';
import { organization, partnerBankAccounts, partners, people } from '../db/schema/index.ts';

/** The optional bank-account fields of a row, only those that are set (a ledger without them reads as before). */
function optionalAccountFields(a: typeof partnerBankAccounts.$inferSelect): Partial<BankAccount> {
  const out: Partial<BankAccount> = {};
  for (const key of OPTIONAL_ACCOUNT_FIELDS) {
    const v = a[key];
    if (v !== null && v !== '') out[key] = v;
  }
  return out;
}

/** Reads the whole ledger from the database. An empty database gives `emptyDirectory`. */
export async function loadDirectory(db: Db): Promise<Directory> {
  const org = await db.select().from(organization).where(eq(organization.id, 1)).get();
  if (!org) return emptyDirectory;
  const accounts = await db.select().from(partnerBankAccounts).orderBy(partnerBankAccounts.id).all();
  return {
    organization: { name: org.name, ...(org.domain ? { domain: org.domain } : {}) },
    people: (await db
      .select()
      .from(people)
      .orderBy(people.id)
      .all())
      .map((p) => ({
        name: p.name,
        kana: p.kana ?? undefined,
        role: p.role ?? undefined,
        executive: p.executive,
        chatworkAccountId: p.chatworkAccountId,
        email: p.email,
        phone: p.phone,
      })),
    counterparties: (await db
      .select()
      .from(partners)
      .orderBy(partners.id)
      .all())
      .map((c) => ({
        company: c.company,
        contactName: c.contactName,
        chatworkAccountId: c.chatworkAccountId,
        email: c.email,
        phone: c.phone,
        bankAccounts: accounts
          .filter((a) => a.partnerId === c.id)
          .map((a) => ({
            bank: a.bank,
            branch: a.branch,
            type: a.type,
            number: a.number,
            holder: a.holder,
            ...optionalAccountFields(a),
          })),
      })),
  };
}

/** Replaces the ledger with `dir` in one transaction; returns the new revision. */
export async function replaceDirectory(db: Db, dir: Directory, at: Date): Promise<number> {
  return await db.transaction(
    async (tx) => {
      const prev = await tx.select({ revision: organization.revision }).from(organization).where(eq(organization.id, 1)).get();
      const revision = (prev?.revision ?? 0) + 1;
      await tx.delete(partnerBankAccounts).run();
      await tx.delete(partners).run();
      await tx.delete(people).run();
      await tx.delete(organization).run();
      await tx.insert(organization)
        .values({ id: 1, name: dir.organization.name, domain: dir.organization.domain ?? null, revision, updatedAt: at.toISOString() })
        .run();
      for (const p of dir.people) {
        await tx.insert(people)
          .values({
            name: p.name,
            kana: p.kana ?? null,
            role: p.role ?? null,
            executive: p.executive,
            chatworkAccountId: p.chatworkAccountId ?? null,
            email: p.email ?? null,
            phone: p.phone ?? null,
          })
          .run();
      }
      for (const c of dir.counterparties) {
        const row = await tx
          .insert(partners)
          .values({
            company: c.company,
            contactName: c.contactName ?? null,
            chatworkAccountId: c.chatworkAccountId ?? null,
            email: c.email ?? null,
            phone: c.phone ?? null,
          })
          .returning({ id: partners.id })
          .get();
        for (const a of c.bankAccounts) {
          await tx.insert(partnerBankAccounts)
            .values({
              partnerId: row.id,
              bank: a.bank,
              branch: a.branch,
              type: a.type,
              number: a.number,
              holder: a.holder,
              ...Object.fromEntries(OPTIONAL_ACCOUNT_FIELDS.map((k) => [k, a[k] ?? null])),
            })
            .run();
        }
      }
      return revision;
    },
    { behavior: 'immediate' },
  );
}

/** A cached view of the ledger: reloads only when the stored revision changes. */
export interface DirectoryStore {
  get(): Promise<Directory>;
  replace(dir: Directory, at: Date): Promise<number>;
}

const revisionQuery = perDb((db) => db.select({ revision: organization.revision }).from(organization).where(eq(organization.id, 1)).prepare());

/** Creates the cache. `get()` costs one indexed SELECT of the revision when nothing changed. */
export function createDirectoryStore(db: Db): DirectoryStore {
  let cached: { revision: number; dir: Directory } | null = null;
  return {
    async get() {
      const revision = (await revisionQuery(db).get())?.revision ?? 0;
      if (!cached || cached.revision !== revision) cached = { revision, dir: await loadDirectory(db) };
      return cached.dir;
    },
    async replace(dir, at) {
      const revision = await replaceDirectory(db, dir, at);
      cached = null;
      return revision;
    },
  };
}
