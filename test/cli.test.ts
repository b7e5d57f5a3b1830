import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../src/cli.js';
import { sampleData, tempDir, writeStoreFile } from './helpers/fixtures.js';

function capture(env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env }, out, err };
}

describe('the command line', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    it('check: validates the store and prints what it holds', async () => {
        const file = writeStoreFile(tmp.dir);
        const c = capture();
        assert.equal(await runCli(['--store', file, 'check'], c.io), 0);
        const text = c.out.join('\n');
        assert.match(text, /is valid \(schema version 4\)/);
        assert.match(text, /groups: +4 \(3 report progress\)/);
        assert.match(text, /people: +5 on the roster \(6 roles\)/);
        assert.match(text, /protocols: +1/);
    });

    it('check: on a corrupt store, names the file and the problem and exits non-zero without changing it', async () => {
        const file = writeStoreFile(tmp.dir, '{ "schemaVersion": 1, ');
        const c = capture();
        assert.equal(await runCli(['--store', file, 'check'], c.io), 1);
        assert.match(
            c.err.join('\n'),
            new RegExp(`Error: The store file ${file} cannot be used: it is not valid JSON`),
        );
        assert.equal(fs.readFileSync(file, 'utf8'), '{ "schemaVersion": 1, ');
    });

    it('check: with no store yet, validates the seed it would be created from and creates nothing', async () => {
        const seed = writeStoreFile(tmp.dir, sampleData(), 'seed.json');
        const file = path.join(tmp.dir, 'store.json');
        const c = capture({ SEED_FILE: seed });
        assert.equal(await runCli(['--store', file, 'check'], c.io), 0);
        assert.match(c.out.join('\n'), /No store at .* yet; it will be created from/);
        assert.equal(fs.existsSync(file), false);
    });

    it('an unknown command exits non-zero with a message', async () => {
        const c = capture();
        assert.notEqual(await runCli(['frobnicate'], c.io), 0);
        assert.match(c.err.join('\n'), /unknown command 'frobnicate'/);
    });

    it('npx khg-bot --help works as installed, listing the commands', async () => {
        const { stdout } = await promisify(execFile)('npx', ['--no-install', 'khg-bot', '--help'], {
            env: { ...process.env, NODE_OPTIONS: '' },
        });
        assert.match(stdout, /Usage: khg-bot/);
        assert.match(stdout, /check/);
    });
});
