import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sinon from 'sinon';
import { SCHEMA_VERSION, storeDataSchema } from '../../src/domain/model.js';
import { openStore, StoreError } from '../../src/store/store.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'writer.child.ts');

function runWriter(file: string, name: string, count: number, size = 0) {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, name, String(count), String(size)], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acked = 0;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
        for (const m of b.toString().matchAll(/acked (\d+)/g)) acked = Number(m[1]);
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, acked: () => acked, stderr: () => stderr, exited };
}

async function expectStoreError(promise: Promise<unknown>, code: string, pattern: RegExp) {
    await assert.rejects(promise, (err: unknown) => {
        assert.ok(err instanceof StoreError, `expected a StoreError, got ${String(err)}`);
        assert.equal(err.code, code);
        assert.match(err.message, pattern);
        return true;
    });
}

/**
 * Runs `work` while the file system call `name` throws `err`. The store's writer (lowdb) imports the
 * function by name, so the stub is synced to that binding, and taken off again after.
 */
async function failingWith(name: 'renameSync' | 'writeFileSync', err: Error, work: () => Promise<void>) {
    sinon.stub(fs, name).throws(err);
    syncBuiltinESMExports();
    try {
        await work();
    } finally {
        sinon.restore();
        syncBuiltinESMExports();
    }
}

describe('store', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => {
        sinon.restore();
        tmp.cleanup();
    });

    describe('opening', () => {
        it('creates a missing store from the seed data', async () => {
            const seed = writeStoreFile(tmp.dir, sampleData(), 'seed.json');
            const file = path.join(tmp.dir, 'sub', 'store.json');
            const store = await openStore({ file, seedFile: seed });
            assert.ok(fs.existsSync(file));
            assert.deepEqual(
                store.read().groups.map((g) => g.id),
                sampleData().groups.map((g) => g.id),
            );
        });

        it('refuses a file that is not JSON, names it, and leaves it as it was', async () => {
            const file = writeStoreFile(tmp.dir, '{"schemaVersion": 1, "groups": [');
            const before = fs.readFileSync(file, 'utf8');
            await expectStoreError(
                openStore({ file, seedFile: file }),
                'store.corrupt',
                new RegExp(`${file}.*not valid JSON`),
            );
            assert.equal(fs.readFileSync(file, 'utf8'), before);
        });

        it('refuses an empty (truncated) file without replacing it with seed data', async () => {
            const seed = writeStoreFile(tmp.dir, sampleData(), 'seed.json');
            const file = writeStoreFile(tmp.dir, '');
            await expectStoreError(openStore({ file, seedFile: seed }), 'store.corrupt', /empty/);
            assert.equal(fs.readFileSync(file, 'utf8'), '');
        });

        it('refuses data that breaks the schema and says where', async () => {
            const data = sampleData();
            (data.roster[1] as { role: string }).role = 'president';
            const file = writeStoreFile(tmp.dir, data);
            await expectStoreError(openStore({ file }), 'store.invalid', /roster\.1\.role/);
        });

        it('refuses a roster line that names an unknown group', async () => {
            const data = sampleData();
            data.roster[1].groupId = 'no-such-group';
            const file = writeStoreFile(tmp.dir, data);
            await expectStoreError(openStore({ file }), 'store.invalid', /unknown group "no-such-group"/);
        });

        it('refuses a file from a newer version of the bot', async () => {
            const file = writeStoreFile(tmp.dir, { ...sampleData(), schemaVersion: 99 });
            const before = fs.readFileSync(file, 'utf8');
            await expectStoreError(openStore({ file }), 'store.tooNew', /schema version 99/);
            assert.equal(fs.readFileSync(file, 'utf8'), before);
        });

        it('migrates a version 0 file forward and keeps the original as a backup', async () => {
            const { schemaVersion: _drop, ...v0 } = sampleData();
            const file = writeStoreFile(tmp.dir, v0);
            const store = await openStore({ file });
            assert.equal(store.read().schemaVersion, SCHEMA_VERSION);
            assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).schemaVersion, SCHEMA_VERSION);
            assert.equal(JSON.parse(fs.readFileSync(`${file}.v0.bak`, 'utf8')).schemaVersion, undefined);
        });

        it("migrates a version 3 file (no milestones, help requests or chairs' rounds) to version 4, keeping its data", async () => {
            const { milestones: _m, helpRequests: _h, chairRounds: _r, ...rest } = sampleData();
            const file = writeStoreFile(tmp.dir, { ...rest, schemaVersion: 3 });
            const store = await openStore({ file });
            const data = store.read();
            assert.equal(data.schemaVersion, 4);
            assert.deepEqual(data.milestones, []);
            assert.deepEqual(data.helpRequests, []);
            assert.deepEqual(data.chairRounds, []);
            assert.deepEqual(data.objectives, sampleData().objectives);
            assert.equal(JSON.parse(fs.readFileSync(`${file}.v3.bak`, 'utf8')).schemaVersion, 3);
        });

        it('migrates a version 1 store to version 2 keeping every document, person and note, with no evidence invented', async () => {
            const v1 = JSON.parse(JSON.stringify(sampleData())) as Record<string, unknown> & {
                protocols: Record<string, unknown>[];
                groups: Record<string, unknown>[];
            };
            v1.schemaVersion = 1;
            delete v1.settings;
            for (const p of v1.protocols) {
                delete p.evidence;
                delete p.reviewers;
                delete p.advisers;
                p.statusNote = 'The website indicates it is due for review now.';
            }
            const file = writeStoreFile(tmp.dir, v1);
            const store = await openStore({ file });
            const d = store.read();
            assert.equal(d.schemaVersion, SCHEMA_VERSION);
            assert.deepEqual(d.settings, {});
            assert.deepEqual(d.rounds, []);
            assert.equal(d.roster.length, sampleData().roster.length);
            assert.equal(d.protocols[0].statusNote, 'The website indicates it is due for review now.');
            assert.equal(d.protocols[0].nextReview, '2021-09');
            assert.deepEqual(d.protocols[0].evidence, []);
            assert.deepEqual(d.protocols[0].reviewers, []);
            assert.deepEqual(d.groups[0].assumptions, []);
            assert.equal(JSON.parse(fs.readFileSync(`${file}.v1.bak`, 'utf8')).schemaVersion, 1);
        });

        it('creates a store from the seed alone with no people; with the demo layer, with the demo people', async () => {
            const seed = path.resolve('data/seed.json');
            const plain = await openStore({ file: path.join(tmp.dir, 'production.json'), seedFile: seed });
            assert.deepEqual(plain.read().roster, []);
            assert.equal(plain.read().groups.find((g) => g.id === 'khog')?.nextUpdateDue, '2022-09-30');
            const demo = await openStore({
                file: path.join(tmp.dir, 'demo.json'),
                seedFile: seed,
                demoFile: path.resolve('data/demo.json'),
            });
            assert.ok(demo.read().roster.some((e) => e.email === 'morgan.ellis@example.com'));
            const khog = demo.read().groups.find((g) => g.id === 'khog')!;
            assert.notEqual(khog.nextUpdateDue, '2022-09-30');
            assert.match(khog.assumptions?.[0] ?? '', /^Demo value/);
        });

        it('refuses a demo layer that names an unknown group, and creates nothing', async () => {
            const bad = path.join(tmp.dir, 'bad-demo.json');
            fs.writeFileSync(bad, JSON.stringify({ groups: { 'no-such-group': { cadenceMonths: 6 } } }));
            const file = path.join(tmp.dir, 'never.json');
            await expectStoreError(
                openStore({ file, seedFile: path.resolve('data/seed.json'), demoFile: bad }),
                'store.demoInvalid',
                /unknown group "no-such-group"/,
            );
            assert.equal(fs.existsSync(file), false);
        });
    });

    describe('writing', () => {
        it('persists a transaction before it resolves', async () => {
            const file = writeStoreFile(tmp.dir);
            const store = await openStore({ file });
            await store.transact((d) => {
                d.groups[0].name = 'Renamed';
            });
            assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).groups[0].name, 'Renamed');
        });

        it('keeps memory and disk unchanged when the mutation throws', async () => {
            const file = writeStoreFile(tmp.dir);
            const store = await openStore({ file });
            const before = fs.readFileSync(file, 'utf8');
            await assert.rejects(
                store.transact((d) => {
                    d.groups[0].name = 'Half done';
                    throw new Error('bad input');
                }),
                /bad input/,
            );
            assert.equal(store.read().groups[0].name, 'Kent Housing Options Group');
            assert.equal(fs.readFileSync(file, 'utf8'), before);
        });

        it('refuses a write to an unwritable directory with a clear message and keeps the old data', async function () {
            if (process.getuid?.() === 0) {
                // root ignores directory permissions: simulate the failure of the rename instead.
                const file = writeStoreFile(tmp.dir);
                const store = await openStore({ file });
                const err = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
                await failingWith('renameSync', err, () =>
                    expectStoreError(
                        store.transact((d) => void (d.groups[0].name = 'X')),
                        'store.writeFailed',
                        /permission denied/,
                    ),
                );
                assert.equal(store.read().groups[0].name, 'Kent Housing Options Group');
                assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).groups[0].name, 'Kent Housing Options Group');
                return;
            }
            const file = writeStoreFile(tmp.dir);
            const store = await openStore({ file });
            fs.chmodSync(tmp.dir, 0o500);
            try {
                await expectStoreError(
                    store.transact((d) => void (d.groups[0].name = 'X')),
                    'store.writeFailed',
                    /permission denied/,
                );
            } finally {
                fs.chmodSync(tmp.dir, 0o700);
            }
        });

        it('refuses a write when the disk is full, and the file keeps its last good content', async () => {
            const file = writeStoreFile(tmp.dir);
            const store = await openStore({ file });
            const before = fs.readFileSync(file, 'utf8');
            const err = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            await failingWith('writeFileSync', err, () =>
                expectStoreError(
                    store.transact((d) => void (d.groups[0].name = 'X')),
                    'store.writeFailed',
                    /disk is full/,
                ),
            );
            assert.equal(fs.readFileSync(file, 'utf8'), before);
            assert.equal(store.read().groups[0].name, 'Kent Housing Options Group');
        });

        it('serialises concurrent transactions in one process: none is lost', async () => {
            const file = writeStoreFile(tmp.dir);
            const store = await openStore({ file });
            await Promise.all(
                Array.from({ length: 40 }, (_, i) =>
                    store.transact((d) =>
                        d.identities.push({
                            email: `p${i}@example.com`,
                            userId: `u${i}`,
                            learnedAt: new Date().toISOString(),
                        }),
                    ),
                ),
            );
            const onDisk = storeDataSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
            assert.equal(onDisk.identities.length, 40);
        });

        it("two processes writing the same file at once lose neither one's writes", async () => {
            const file = writeStoreFile(tmp.dir);
            const a = runWriter(file, 'a', 25);
            const b = runWriter(file, 'b', 25);
            const [ca, cb] = await Promise.all([a.exited, b.exited]);
            assert.equal(ca, 0, a.stderr());
            assert.equal(cb, 0, b.stderr());
            const emails = storeDataSchema
                .parse(JSON.parse(fs.readFileSync(file, 'utf8')))
                .identities.map((i) => i.email);
            for (const w of ['a', 'b'])
                for (let i = 0; i < 25; i++) assert.ok(emails.includes(`${w}-${i}@example.com`), `${w}-${i} lost`);
        });

        it('a process killed mid-write leaves the old or the new file, never a torn one, and keeps every acknowledged write', async () => {
            const file = writeStoreFile(tmp.dir);
            for (let round = 0; round < 4; round++) {
                const before = storeDataSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).identities.length;
                // Large entries make each write long enough to be interrupted part-way.
                const w = runWriter(file, `r${round}`, 10_000, 200_000);
                await new Promise<void>((resolve) => {
                    const t = setInterval(() => {
                        if (w.acked() >= 2 + round) {
                            clearInterval(t);
                            setTimeout(resolve, 7 * round);
                        }
                    }, 5);
                });
                w.child.kill('SIGKILL');
                await w.exited;
                const text = fs.readFileSync(file, 'utf8');
                const data = storeDataSchema.parse(JSON.parse(text));
                assert.ok(
                    data.identities.length >= before + w.acked(),
                    `round ${round}: ${w.acked()} acknowledged, ${data.identities.length - before} stored`,
                );
                // The lock left by the killed process must not block the next writer for long.
                fs.rmSync(`${file}.lock`, { recursive: true, force: true });
            }
            const store = await openStore({ file });
            await store.transact((d) => d.identities.splice(0));
            assert.equal(store.read().identities.length, 0);
        });
    });
});
