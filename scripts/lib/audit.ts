/**
 * Judging `npm audit --omit=dev --json` against the findings the README explains. A finding is a
 * vulnerable package in the production dependency tree; it passes only when the README's
 * "Audit findings explained" list names that package with a reason.
 */

/** One vulnerable package, as npm reports it. */
export interface AuditFinding {
    name: string;
    severity: string;
    /** The advisories' titles, or the packages through which it is vulnerable. */
    via: string[];
}

export type AuditVerdict =
    | { kind: 'clean' }
    | { kind: 'explained'; findings: AuditFinding[] }
    | { kind: 'unexplained'; findings: AuditFinding[]; explained: AuditFinding[] }
    | { kind: 'unavailable'; reason: string };

interface NpmAuditJson {
    error?: { code?: string; summary?: string; detail?: string };
    /** Set when the audit service answered with an HTTP error. */
    message?: string;
    vulnerabilities?: Record<
        string,
        { name?: string; severity?: string; via?: (string | { title?: string; source?: number })[] }
    >;
}

/** The heading of the README list; each item reads "- `package`: why it is acceptable". */
export const EXPLAINED_HEADING = 'Audit findings explained';

/** The package names the README's "Audit findings explained" list gives a reason for. */
export function explainedPackages(readme: string): Map<string, string> {
    const explained = new Map<string, string>();
    const lines = readme.split(/\r?\n/);
    const start = lines.findIndex((l) => /^#+\s/.test(l) && l.includes(EXPLAINED_HEADING));
    if (start < 0) return explained;
    for (const line of lines.slice(start + 1)) {
        if (/^#+\s/.test(line)) break;
        const item = /^\s*[-*]\s+`([^`]+)`\s*:\s*(\S.*)$/.exec(line);
        if (item) explained.set(item[1], item[2].trim());
    }
    return explained;
}

/**
 * The verdict on npm's JSON output. Output that is not an audit report (the audit service answering
 * with an error, or nothing) is `unavailable`, never `clean`.
 */
export function judgeAudit(output: string, explained: ReadonlyMap<string, string>): AuditVerdict {
    let report: NpmAuditJson;
    try {
        report = JSON.parse(output) as NpmAuditJson;
    } catch {
        return {
            kind: 'unavailable',
            reason: output.trim() ? 'npm audit did not print a JSON report' : 'npm audit printed nothing',
        };
    }
    if (report.error) {
        const reason = [report.message, report.error.summary, report.error.detail].filter(Boolean).join(': ');
        return { kind: 'unavailable', reason: reason || 'npm audit failed' };
    }
    if (!report.vulnerabilities || typeof report.vulnerabilities !== 'object')
        return { kind: 'unavailable', reason: 'npm audit printed no list of vulnerabilities' };
    const findings: AuditFinding[] = Object.entries(report.vulnerabilities).map(([key, v]) => ({
        name: v.name ?? key,
        severity: v.severity ?? 'unknown',
        via: (v.via ?? []).map((x) => (typeof x === 'string' ? x : (x.title ?? `advisory ${x.source ?? '?'}`))),
    }));
    if (findings.length === 0) return { kind: 'clean' };
    const unexplained = findings.filter((f) => !explained.has(f.name));
    if (unexplained.length === 0) return { kind: 'explained', findings };
    return { kind: 'unexplained', findings: unexplained, explained: findings.filter((f) => explained.has(f.name)) };
}

/** The verdict for a person, and the exit code: 0 clean or all explained, 1 unexplained, 2 not run. */
export function describeVerdict(verdict: AuditVerdict): { text: string; exitCode: number } {
    const line = (f: AuditFinding) => `  ${f.name} (${f.severity}): ${f.via.join('; ')}`;
    switch (verdict.kind) {
        case 'clean':
            return { text: 'npm audit (production dependencies): no known vulnerabilities.', exitCode: 0 };
        case 'explained':
            return {
                text: [
                    `npm audit: ${verdict.findings.length} finding(s), each explained in the README:`,
                    ...verdict.findings.map(line),
                ].join('\n'),
                exitCode: 0,
            };
        case 'unexplained':
            return {
                text: [
                    `npm audit: ${verdict.findings.length} finding(s) not explained in the README's "${EXPLAINED_HEADING}" list:`,
                    ...verdict.findings.map(line),
                    'Upgrade the package, or add "- `name`: why it is acceptable" to that list.',
                ].join('\n'),
                exitCode: 1,
            };
        case 'unavailable':
            return { text: `npm audit could not be run: ${verdict.reason}. Nothing was checked.`, exitCode: 2 };
    }
}
