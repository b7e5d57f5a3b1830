/**
 * The lint configuration itself: scratch files with a known fault are put where the real code lives,
 * and ESLint (its Node API, with eslint.config.js) and dependency-cruiser (its command line, with
 * .dependency-cruiser.cjs, as `npm run lint` runs it) must reject each, and pass a clean one.
 *
 * The scratch files go in `.lintcheck/` folders inside src/ layers: git ignores them, tsconfig's globs
 * skip dot folders (so the type check never sees them), and the layering rules match them by path as
 * they would a real file there. They are removed after the run.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LAYERS = ['domain', 'services', 'cards', 'notify'] as const;
const scratchDir = (layer: (typeof LAYERS)[number]) => path.join(ROOT, 'src', layer, '.lintcheck');

function removeScratch(): void {
    for (const layer of LAYERS) fs.rmSync(scratchDir(layer), { recursive: true, force: true });
}

/** Writes a scratch file at `src/<layer>/.lintcheck/<name>` and returns its path from the repository root. */
function scratch(layer: (typeof LAYERS)[number], name: string, text: string): string {
    fs.mkdirSync(scratchDir(layer), { recursive: true });
    fs.writeFileSync(path.join(scratchDir(layer), name), text);
    return path.posix.join('src', layer, '.lintcheck', name);
}

interface Violation {
    rule: { name: string };
    from: string;
    to: string;
}

/** Runs dependency-cruiser's command line on these files with the project's configuration. */
async function cruise(files: string[]): Promise<Violation[]> {
    const bin = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    const run = promisify(execFile);
    let stdout: string;
    try {
        ({ stdout } = await run(process.execPath, [bin, '--output-type', 'json', ...files], {
            cwd: ROOT,
            maxBuffer: 64 * 1024 * 1024,
        }));
    } catch (err) {
        // It exits with the number of errors found; the report is still on stdout.
        stdout = (err as { stdout?: string }).stdout ?? '';
        if (!stdout) throw err;
    }
    const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
    return report.summary.violations;
}

describe('the lint configuration', function () {
    // Type-aware linting builds the TypeScript program, and the layering check resolves every import:
    // both take seconds on a loaded machine.
    this.timeout(300_000);

    before(removeScratch);
    after(removeScratch);

    describe('ESLint', () => {
        const floating = `export async function save(): Promise<void> {
    await Promise.resolve();
}
export function handler(): void {
    save();
}
`;
        const misused = `export async function save(n: number): Promise<number> {
    return Promise.resolve(n);
}
export function saveAll(ns: number[]): void {
    ns.forEach(async (n) => {
        await save(n);
    });
}
`;
        const notExhaustive = `export type Rag = 'red' | 'amber' | 'green';
export function label(rag: Rag): string {
    switch (rag) {
        case 'red':
            return 'Red';
        case 'amber':
            return 'Amber';
    }
    return '';
}
`;
        const anyWithoutReason = `// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const loose: any = 1;
export function parse(text: string): any {
    return JSON.parse(text);
}
`;
        const valueImportForType = `import { DateTime } from 'luxon';
export function iso(d: DateTime): string {
    return d.toISO() ?? '';
}
`;
        const clean = `import type { DateTime } from 'luxon';

export type Rag = 'red' | 'amber' | 'green';

export async function save(n: number): Promise<number> {
    return Promise.resolve(n);
}

/** Every promise awaited or handled; every case named. */
export async function handler(rag: Rag, when: DateTime, log: (m: string) => void): Promise<string> {
    await save(1);
    save(2).catch((err: unknown) => {
        log(String(err));
    });
    for (const n of [3, 4]) await save(n);
    switch (rag) {
        case 'red':
            return \`Red at \${when.toISO() ?? 'an unknown time'}\`;
        case 'amber':
            return 'Amber';
        case 'green':
            return 'Green';
    }
}
`;
        let results: Map<string, ESLint.LintResult>;

        before(async () => {
            const files = {
                floating: scratch('domain', 'floating.ts', floating),
                misused: scratch('domain', 'misused.ts', misused),
                notExhaustive: scratch('domain', 'notExhaustive.ts', notExhaustive),
                anyWithoutReason: scratch('domain', 'anyWithoutReason.ts', anyWithoutReason),
                valueImportForType: scratch('domain', 'valueImportForType.ts', valueImportForType),
                clean: scratch('domain', 'clean.ts', clean),
            };
            const eslint = new ESLint({ cwd: ROOT });
            const linted = await eslint.lintFiles(Object.values(files));
            results = new Map(
                Object.entries(files).map(([name, file]) => {
                    const result = linted.find((r) => r.filePath === path.join(ROOT, file));
                    assert.ok(result, `ESLint gave no result for ${file}`);
                    return [name, result];
                }),
            );
        });

        const rulesOf = (name: string) => (results.get(name)?.messages ?? []).map((m) => m.ruleId ?? m.message);

        it('a promise neither awaited nor handled fails no-floating-promises', () => {
            assert.ok(
                rulesOf('floating').includes('@typescript-eslint/no-floating-promises'),
                rulesOf('floating').join(),
            );
        });

        it('an async callback where a void one is expected fails no-misused-promises', () => {
            assert.ok(rulesOf('misused').includes('@typescript-eslint/no-misused-promises'), rulesOf('misused').join());
        });

        it('a switch over a union that misses a member fails switch-exhaustiveness-check', () => {
            assert.ok(
                rulesOf('notExhaustive').includes('@typescript-eslint/switch-exhaustiveness-check'),
                rulesOf('notExhaustive').join(),
            );
        });

        it('an `any`, and a disable comment that gives no reason, both fail', () => {
            const rules = rulesOf('anyWithoutReason');
            assert.ok(rules.includes('@typescript-eslint/no-explicit-any'), rules.join());
            assert.ok(rules.includes('@eslint-community/eslint-comments/require-description'), rules.join());
        });

        it('a value import used only as a type fails consistent-type-imports', () => {
            assert.ok(
                rulesOf('valueImportForType').includes('@typescript-eslint/consistent-type-imports'),
                rulesOf('valueImportForType').join(),
            );
        });

        it('a file that awaits or handles every promise and names every case passes', () => {
            assert.deepEqual(
                results.get('clean')?.messages.map((m) => `${m.line}: ${m.ruleId ?? ''} ${m.message}`),
                [],
            );
        });

        it('the rules the project relies on are errors for every part of the tree', async () => {
            const eslint = new ESLint({ cwd: ROOT });
            for (const file of [
                'src/domain/model.ts',
                'src/bot/app.ts',
                'test/cli.test.ts',
                'scripts/dev.ts',
                'bench/run.ts',
            ]) {
                const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as {
                    rules: Record<string, unknown>;
                };
                for (const rule of [
                    '@typescript-eslint/no-floating-promises',
                    '@typescript-eslint/no-misused-promises',
                    '@typescript-eslint/switch-exhaustiveness-check',
                    '@typescript-eslint/consistent-type-imports',
                    '@typescript-eslint/no-unused-vars',
                    '@typescript-eslint/no-explicit-any',
                ]) {
                    const setting = config.rules[rule];
                    const severity = Array.isArray(setting) ? (setting[0] as unknown) : setting;
                    assert.ok(
                        severity === 2 || severity === 'error',
                        `${rule} is ${JSON.stringify(setting)} for ${file}`,
                    );
                }
            }
        });
    });

    describe('the layering rules', () => {
        let violations: Violation[];

        before(async () => {
            const files = [
                scratch(
                    'domain',
                    'usesStore.ts',
                    "import type { Store } from '../../store/store.js';\nexport type S = Store;\n",
                ),
                scratch(
                    'domain',
                    'usesBotbuilder.ts',
                    "import type { Activity } from 'botbuilder';\nexport type A = Activity;\n",
                ),
                scratch('domain', 'readsFiles.ts', "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n"),
                scratch(
                    'domain',
                    'cycleA.ts',
                    "import { b } from './cycleB.js';\nexport const a = (): number => b() + 1;\n",
                ),
                scratch(
                    'domain',
                    'cycleB.ts',
                    "import { a } from './cycleA.js';\nexport const b = (): number => a() - 1;\n",
                ),
                scratch('services', 'usesLowdb.ts', "import { Low } from 'lowdb';\nexport const L = Low;\n"),
                scratch(
                    'cards',
                    'usesBotbuilder.ts',
                    "import { CardFactory } from 'botbuilder';\nexport const C = CardFactory;\n",
                ),
                scratch(
                    'notify',
                    'callsSdk.ts',
                    "import { TeamsInfo } from 'botbuilder';\nexport const T = TeamsInfo;\n",
                ),
                scratch(
                    'notify',
                    'namesSdkType.ts',
                    "import type { ConversationReference } from 'botbuilder';\nexport type R = Partial<ConversationReference>;\n",
                ),
                scratch(
                    'services',
                    'readsCsv.ts',
                    "import { parse } from 'csv-parse/sync';\nexport const p = parse;\n",
                ),
                scratch(
                    'domain',
                    'clean.ts',
                    "import type { DateTime } from 'luxon';\nimport type { Group } from '../model.js';\n" +
                        'export const name = (g: Group, at: DateTime): string => `${g.name} ${at.toISODate() ?? ""}`;\n',
                ),
            ];
            violations = await cruise(files);
        });

        /** The rules broken by imports from this scratch file. */
        const broken = (file: string) => violations.filter((v) => v.from === `src/${file}`).map((v) => v.rule.name);

        it('a domain file importing the store fails', () => {
            assert.ok(
                broken('domain/.lintcheck/usesStore.ts').includes('domain-imports-only-domain'),
                broken('domain/.lintcheck/usesStore.ts').join(),
            );
        });

        it('a domain file importing botbuilder (even a type) fails', () => {
            assert.ok(broken('domain/.lintcheck/usesBotbuilder.ts').includes('domain-imports-only-domain'));
        });

        it('a domain file reading files fails', () => {
            assert.ok(broken('domain/.lintcheck/readsFiles.ts').includes('domain-uses-no-io'));
        });

        it('an import cycle fails', () => {
            // The cycle is reported once, from whichever of its files the cruise met first.
            const cycle = [...broken('domain/.lintcheck/cycleA.ts'), ...broken('domain/.lintcheck/cycleB.ts')];
            assert.ok(cycle.includes('no-circular'), JSON.stringify(violations.map((v) => [v.rule.name, v.from])));
        });

        it('lowdb outside src/store fails', () => {
            assert.ok(broken('services/.lintcheck/usesLowdb.ts').includes('only-store-imports-lowdb'));
        });

        it('botbuilder in src/cards fails; in src/notify, a call fails and a type passes', () => {
            assert.ok(broken('cards/.lintcheck/usesBotbuilder.ts').includes('bot-sdk-only-in-transport'));
            assert.ok(broken('notify/.lintcheck/callsSdk.ts').includes('notify-uses-bot-sdk-types-only'));
            assert.deepEqual(broken('notify/.lintcheck/namesSdkType.ts'), []);
        });

        it('a CSV library outside src/formats fails', () => {
            assert.ok(broken('services/.lintcheck/readsCsv.ts').includes('file-formats-only-in-formats'));
        });

        it('a domain file using only the domain and pure libraries passes', () => {
            assert.deepEqual(broken('domain/.lintcheck/clean.ts'), []);
        });
    });
});
