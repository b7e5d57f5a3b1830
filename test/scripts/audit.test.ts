import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describeVerdict, explainedPackages, judgeAudit } from '../../scripts/lib/audit.js';

/** An npm audit report (format 2) naming these packages as vulnerable. */
function report(...names: string[]): string {
    const vulnerabilities = Object.fromEntries(
        names.map((name) => [
            name,
            {
                name,
                severity: 'moderate',
                isDirect: false,
                via: [{ source: 1, name, title: `${name} does a bad thing` }],
                range: '<9',
            },
        ]),
    );
    return JSON.stringify({
        auditReportVersion: 2,
        vulnerabilities,
        metadata: { vulnerabilities: { total: names.length } },
    });
}

const README = [
    '# Bot',
    '### Audit findings explained',
    '',
    '- `xml2js`: only parses the bundled manifest schema, never input from people.',
    '',
    '## Layout',
    '- `tar`: not a reason, another list',
].join('\n');

describe('the dependency audit check', () => {
    it('reads the packages the README explains from its own list only', () => {
        assert.deepEqual([...explainedPackages(README).keys()], ['xml2js']);
    });

    it('passes a report with no vulnerabilities', () => {
        assert.deepEqual(describeVerdict(judgeAudit(report(), new Map())).exitCode, 0);
    });

    it('passes when every finding is explained, and names them', () => {
        const { text, exitCode } = describeVerdict(judgeAudit(report('xml2js'), explainedPackages(README)));
        assert.equal(exitCode, 0);
        assert.match(text, /xml2js \(moderate\): xml2js does a bad thing/);
    });

    it('fails on a finding the README does not explain, naming it and not the explained one', () => {
        const { text, exitCode } = describeVerdict(judgeAudit(report('xml2js', 'tar'), explainedPackages(README)));
        assert.equal(exitCode, 1);
        assert.match(text, /^ {2}tar \(moderate\)/m);
        assert.doesNotMatch(text, /xml2js/);
    });

    it('never calls an audit that could not run clean: an HTTP error, nothing printed, or not JSON', () => {
        const http = JSON.stringify({
            message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
            statusCode: 405,
            error: { summary: '', detail: '' },
        });
        for (const output of [http, '', 'npm ERR! network']) {
            const { text, exitCode } = describeVerdict(judgeAudit(output, new Map()));
            assert.equal(exitCode, 2, output);
            assert.match(text, /could not be run/);
        }
        assert.match(describeVerdict(judgeAudit(http, new Map())).text, /405 Method Not Allowed/);
    });

    it("every package the project's README explains is a production dependency of the bot", () => {
        const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
        const lock = JSON.parse(fs.readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
            packages: Record<string, { dev?: boolean }>;
        };
        const production = new Set(
            Object.entries(lock.packages)
                .filter(([p, v]) => p && !v.dev)
                .map(([p]) => p.split('node_modules/').pop()),
        );
        for (const name of explainedPackages(readme).keys())
            assert.ok(production.has(name), `${name} is explained but not a production dependency`);
    });
});
