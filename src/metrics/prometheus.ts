/**
 * A minimal writer for the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines,
 * samples with escaped label values, histograms with cumulative `le` buckets, `_sum` and `_count`.
 * @example
 *   const w = new PromWriter();
 *   w.gauge('kakunin_cases', 'Cases by status', [{ labels: { status: 'new' }, value: 3 }]);
 *   w.toString() // '# HELP kakunin_cases Cases by status\n# TYPE kakunin_cases gauge\nkakunin_cases{status="new"} 3\n'
 */

/** One sample: its labels and value. */
export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function labelSet(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

/** Accumulates metric families and renders them as text. */
export class PromWriter {
  private readonly out: string[] = [];

  private family(name: string, help: string, type: 'counter' | 'gauge' | 'histogram'): void {
    this.out.push(`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`);
  }

  private samples(name: string, samples: readonly Sample[]): void {
    for (const s of samples) this.out.push(`${name}${labelSet(s.labels)} ${formatValue(s.value)}`);
  }

  counter(name: string, help: string, samples: readonly Sample[]): this {
    this.family(name, help, 'counter');
    this.samples(name, samples);
    return this;
  }

  gauge(name: string, help: string, samples: readonly Sample[]): this {
    this.family(name, help, 'gauge');
    this.samples(name, samples);
    return this;
  }

  /** `cumulative[i]` counts the observations ≤ `bounds[i]` (Prometheus buckets are cumulative). */
  histogram(name: string, help: string, h: { bounds: readonly number[]; cumulative: readonly number[]; sum: number; count: number }): this {
    this.family(name, help, 'histogram');
    h.bounds.forEach((b, i) => this.out.push(`${name}_bucket{le="${formatValue(b)}"} ${h.cumulative[i] ?? 0}`));
    this.out.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${formatValue(h.sum)}`, `${name}_count ${h.count}`);
    return this;
  }

  toString(): string {
    return `${this.out.join('\n')}\n`;
  }
}
