/** Latency figures: percentiles over samples in milliseconds, and the benchmark's table. */

export interface Latency {
    n: number;
    p50: number;
    p99: number;
    max: number;
}

/** The nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
    if (sorted.length === 0) return NaN;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function latency(samples: readonly number[]): Latency {
    const sorted = [...samples].sort((a, b) => a - b);
    return {
        n: sorted.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? NaN,
    };
}

export interface Row {
    figure: string;
    value: string;
    /** The ratio the goal is about, e.g. "1.32x echo message p99". */
    ratio?: string;
    goal: string;
    met: boolean | undefined;
}

/** A plain-text table, one row per figure. */
export function table(rows: readonly Row[]): string {
    const cells = rows.map((r) => [
        r.figure,
        r.value,
        r.ratio ?? '',
        r.goal,
        r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
    ]);
    const head = ['figure', 'value', 'ratio', 'goal', ''];
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) =>
        c
            .map((x, i) => x.padEnd(widths[i]))
            .join(' | ')
            .trimEnd();
    return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

export const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
