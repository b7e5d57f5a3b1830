/**
 * `npm run audit`: `npm audit` of the production dependencies, checked against the README's
 * "Audit findings explained" list. Exits 0 when clean or every finding is explained, 1 when a finding
 * is not, 2 when the audit service cannot be reached (nothing was checked).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describeVerdict, explainedPackages, judgeAudit } from './lib/audit.js';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
});
const verdict = judgeAudit(
    run.stdout ?? '',
    explainedPackages(fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8')),
);
const { text, exitCode } = describeVerdict(verdict);
(exitCode === 0 ? console.log : console.error)(text);
process.exit(exitCode);
