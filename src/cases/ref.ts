/** Case references: `KKN-000123` is case id 123. Readable on a phone, sortable, unambiguous. */

const REF_RE = /^KKN-(\d{6,})$/;

/** @example formatCaseRef(123) // 'KKN-000123' */
export function formatCaseRef(id: number): string {
  return `KKN-${String(id).padStart(6, '0')}`;
}

/** The case id in a ref, or null when it is not one. Accepts lower case. */
export function parseCaseRef(ref: string): number | null {
  const m = REF_RE.exec(ref.trim().toUpperCase());
  return m ? Number(m[1]) : null;
}

/**
 * A report's receipt number: what someone reporting through the public link is given to quote.
 * It names the report only, so it says nothing about the case the report joined; responders see
 * it on each report of the case page.
 * @example formatReceipt(42) // 'R-000042'
 */
export function formatReceipt(reportId: number): string {
  return `R-${String(reportId).padStart(6, '0')}`;
}
