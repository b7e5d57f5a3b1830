/**
 * The store's contract, run on both backends: the JSON file and Azure Blob Storage (on Azurite, which
 * this file starts and stops). Two `Store`s opened on the same data stand for two instances of the bot.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { z } from 'zod';
import { DeliveryLedger, type Identity } from '../../src/notify/ledger.js';
import { openAzureBlobStore } from '../../src/store/azureBlob.js';
import { openStore, readSeed, StoreError, type Store } from '../../src/store/store.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

const counterSchema = z.object({ key: z.string(), n: z.number().int(), by: z.array(z.string()) });

interface Backend {
    name: string;
    /** Opens one more instance on this test's data (created from the sample seed when missing). */
    open(options?: { leaseSeconds?: number }): Promise<Store>;
    /** Writes raw text where the backend keeps a collection's document. */
    writeRaw(collection: string, key: string, text: string): Promise<void>;
    readRaw(collection: string, key: string): Promise<string>;
    /** Holds the "reminders" lease as a dead instance would: taken, never renewed or released. */
    abandonLease(): Promise<void>;
    /** How long a dead holder keeps the lease, in ms. */
    leaseMs: number;
    /** How stale `read()` may be (ms). */
    staleMs: number;
}

const backends: { name: string; setUp(): Promise<Backend>; tearDown(): Promise<void> }[] = [];

{
    let tmp: ReturnType<typeof tempDir>;
    backends.push({
        name: 'file',
        async setUp() {
            tmp = tempDir();
            const seed = writeStoreFile(tmp.dir, sampleData(), 'seed.json');
            const file = path.join(tmp.dir, 'store.json');
            const docPath = (c: string, k: string) => path.join(tmp.dir, `store.${c}`, `${k}.json`);
            return {
                name: 'file',
                open: (o) => openStore({ file, seedFile: seed, leaseMs: (o?.leaseSeconds ?? 2) * 1000 }),
                writeRaw: async (c, k, text) => {
                    fs.mkdirSync(path.dirname(docPath(c, k)), { recursive: true });
                    fs.writeFileSync(docPath(c, k), text);
                },
                readRaw: async (c, k) => fs.readFileSync(docPath(c, k), 'utf8'),
                abandonLease: async () => {
                    // What proper-lockfile leaves when its holder is killed: the lock folder, no longer touched.
                    fs.mkdirSync(path.join(tmp.dir, 'store.reminders.lease'));
                },
                leaseMs: 2000,
                staleMs: 0,
            };
        },
        async tearDown() {
            tmp.cleanup();
        },
    });
}

{
    let azurite: Azurite | undefined;
    let tmp: ReturnType<typeof tempDir>;
    let container: string;
    backends.push({
        name: 'azure-blob (Azurite)',
        async setUp() {
            azurite ??= await startAzurite();
            tmp = tempDir();
            container = azurite.container();
            const seed = writeStoreFile(tmp.dir, sampleData(), 'seed.json');
            const blobs = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
                container,
            );
            const az = azurite;
            return {
                name: 'azure-blob',
                open: (o) =>
                    openAzureBlobStore({
                        location: { connectionString: az.connectionString, container },
                        create: () => readSeed(seed),
                        refreshMs: 200,
                        leaseSeconds: o?.leaseSeconds,
                    }),
                writeRaw: async (c, k, text) => {
                    await blobs.getBlockBlobClient(`${c}/${k}.json`).upload(text, Buffer.byteLength(text));
                },
                readRaw: async (c, k) =>
                    (await blobs.getBlockBlobClient(`${c}/${k}.json`).downloadToBuffer()).toString(),
                abandonLease: async () => {
                    const blob = blobs.getBlockBlobClient('_leases/reminders');
                    await blob.upload('', 0);
                    await blob.getBlobLeaseClient().acquireLease(15);
                },
                leaseMs: 15_000,
                staleMs: 200,
            };
        },
        async tearDown() {
            await azurite?.drop(container);
            tmp.cleanup();
        },
    });
    after(async () => azurite?.stop());
}

const identity = (i: number): Identity => ({
    groupId: `g${i % 3}`,
    period: '2026-12',
    step: `reminder-${i}`,
    recipient: 'chair@example.com',
    as: 'chair',
});

for (const b of backends) {
    describe(`store on ${b.name}`, function () {
        this.timeout(120_000);
        let backend: Backend;
        const opened: Store[] = [];
        const open = async (o?: { leaseSeconds?: number }) => {
            const s = await backend.open(o);
            opened.push(s);
            return s;
        };
        beforeEach(async () => (backend = await b.setUp()));
        afterEach(async () => {
            await Promise.all(opened.splice(0).map((s) => s.close()));
            await b.tearDown();
        });

        it('creates a missing store from the seed data and reads back what it wrote', async () => {
            const store = await open();
            assert.deepEqual(
                store.read().groups.map((g) => g.id),
                sampleData().groups.map((g) => g.id),
            );
            await store.transact((d) => void (d.groups[0].name = 'Renamed'));
            assert.equal(store.read().groups[0].name, 'Renamed');
            const again = await open();
            assert.equal(again.read().groups[0].name, 'Renamed');
        });

        it('a mutation that throws changes nothing, here or for another instance', async () => {
            const store = await open();
            await assert.rejects(
                store.transact((d) => {
                    d.groups[0].name = 'Half-done';
                    throw new Error('stop');
                }),
                /stop/,
            );
            assert.notEqual(store.read().groups[0].name, 'Half-done');
            assert.notEqual((await open()).read().groups[0].name, 'Half-done');
        });

        it('two instances writing the main data at once: every write lands, none lost', async () => {
            const [one, two] = [await open(), await open()];
            const before = one.read().identities.length;
            const write = (s: Store, name: string) =>
                Promise.all(
                    Array.from({ length: 15 }, (_, i) =>
                        s.transact((d) =>
                            d.identities.push({
                                email: `${name}-${i}@example.com`,
                                userId: `${name}:${i}`,
                                learnedAt: '2026-11-30T00:00:00.000Z',
                            }),
                        ),
                    ),
                );
            await Promise.all([write(one, 'one'), write(two, 'two')]);
            const third = await open();
            assert.equal(third.read().identities.length, before + 30);
        });

        it("an instance sees another's change to the main data within the documented bound", async () => {
            const [one, two] = [await open(), await open()];
            await one.transact((d) => void (d.groups[0].name = 'Seen elsewhere'));
            const started = Date.now();
            while (two.read().groups[0].name !== 'Seen elsewhere') {
                assert.ok(Date.now() - started < backend.staleMs + 2000, 'the change never arrived');
                await new Promise((r) => setTimeout(r, 20));
            }
        });

        it('collections: created on first write, listed by prefix, each key its own document', async () => {
            const store = await open();
            const set = store.collection('updates', counterSchema, (key) => ({ key, n: 0, by: [] }));
            assert.equal(await set.get('khog/2026-12'), undefined);
            for (const g of ['khog', 'kpog', 'homechoice'])
                for (const p of ['2026-06', '2026-12'])
                    await set.transact(`${g}/${p}`, (d) => {
                        d.n++;
                    });
            assert.deepEqual(await set.keys('kpog/'), ['kpog/2026-06', 'kpog/2026-12']);
            assert.deepEqual(await set.keys('kpog/2026-1'), ['kpog/2026-12']);
            assert.deepEqual(await set.keys('../'), []);
            assert.equal((await set.keys()).length, 6);
            assert.deepEqual(
                (await set.list('khog/')).map((d) => [d.key, d.data.n]),
                [
                    ['khog/2026-06', 1],
                    ['khog/2026-12', 1],
                ],
            );
            const other = (await open()).collection('updates', counterSchema, (key) => ({ key, n: 0, by: [] }));
            assert.equal((await other.get('homechoice/2026-06'))?.n, 1);
            for (const key of ['../store', 'khog/../../x', 'KHOG', '']) {
                await assert.rejects(
                    set.transact(key, () => undefined),
                    (e: unknown) => e instanceof StoreError && e.code === 'store.badKey',
                );
            }
        });

        it('create: of many callers on three instances at once, exactly one creates; the document is left as it was', async () => {
            const sets = [await open(), await open(), await open()].map((s) =>
                s.collection('claims', counterSchema, (key) => ({ key, n: 0, by: [] })),
            );
            const keys = Array.from({ length: 10 }, (_, i) => `c-1/a-${i}`);
            const won = await Promise.all(
                sets.flatMap((set, who) =>
                    keys.flatMap((key) =>
                        [0, 1].map(async (n) =>
                            (await set.create(key, { key, n: 1, by: [`${who}-${n}`] })) ? key : '',
                        ),
                    ),
                ),
            );
            assert.deepEqual(
                won.filter(Boolean).sort(),
                [...keys].sort(),
                'each key created exactly once over 60 attempts',
            );
            for (const key of keys) assert.equal((await sets[2].get(key))?.by.length, 1);
            await assert.rejects(
                sets[0].create('c-1/bad', { key: 'c-1/bad', n: -1 } as never),
                (e: unknown) => e instanceof StoreError && e.code === 'store.invalid',
            );
            // Removed, it can be created again; removing one that is gone is no error.
            await sets[1].remove('c-1/a-3');
            await sets[1].remove('c-1/a-3');
            assert.equal(await sets[0].get('c-1/a-3'), undefined);
            assert.equal(await sets[0].create('c-1/a-3', { key: 'again', n: 2, by: [] }), true);
            assert.equal((await sets[2].get('c-1/a-3'))?.key, 'again');
        });

        it('removeWrittenBefore: removes only the documents under the prefix written before the time', async () => {
            const set = (await open()).collection('claims', counterSchema, (key) => ({ key, n: 0, by: [] }));
            await set.create('c-1/old', { key: 'old', n: 1, by: [] });
            await set.create('c-2/old', { key: 'old', n: 1, by: [] });
            await new Promise((r) => setTimeout(r, 1100)); // Last-Modified has a resolution of one second
            const between = new Date();
            await new Promise((r) => setTimeout(r, 1100));
            await set.create('c-1/new', { key: 'new', n: 1, by: [] });
            assert.equal(await set.removeWrittenBefore('c-1/', between), 1);
            assert.deepEqual(await set.keys(), ['c-1/new', 'c-2/old']);
            assert.equal(await set.removeWrittenBefore('', between), 1);
            assert.deepEqual(await set.keys(), ['c-1/new']);
        });

        it('two instances changing one document at once: each conflicting write is retried, none lost', async () => {
            const sets = [await open(), await open()].map((s) =>
                s.collection('counters', counterSchema, (key) => ({ key, n: 0, by: [] })),
            );
            await Promise.all(
                sets.flatMap((set, who) =>
                    Array.from({ length: 20 }, (_, i) =>
                        set.transact('shared', (d) => {
                            d.n++;
                            d.by.push(`${who}-${i}`);
                        }),
                    ),
                ),
            );
            const final = await sets[0].get('shared');
            assert.equal(final?.n, 40);
            assert.equal(new Set(final?.by).size, 40);
            assert.equal((await sets[1].list()).find((d) => d.key === 'shared')?.data.n, 40);
        });

        it('the same reminders claimed by two instances at once: each is claimed by exactly one', async () => {
            const ledgers = [await open(), await open(), await open()].map((s) => new DeliveryLedger(s));
            const ids = Array.from({ length: 12 }, (_, i) => identity(i));
            const now = new Date('2026-11-30T09:00:00Z');
            const won = await Promise.all(
                ledgers.flatMap((l, who) =>
                    // Each instance claims the whole batch twice over, interleaved with the others.
                    [0, 1].map((n) => l.claim('Chair@example.com', ids, `run-${who}-${n}`, now)),
                ),
            );
            const claimed = won.flat().map((i) => i.step);
            assert.equal(claimed.length, 12, `claimed ${claimed.length} times for 12 reminders`);
            assert.deepEqual(new Set(claimed), new Set(ids.map((i) => i.step)));
            const records = await ledgers[0].records();
            assert.equal(records.length, 12);
        });

        it('abandoned claims settled while another instance writes the same document: each is reported once, none lost', async () => {
            const [one, two] = [await open(), await open()];
            const claimedAt = new Date('2026-11-30T09:00:00Z');
            const later = new Date('2026-11-30T10:00:00Z');
            await new DeliveryLedger(one).claim('chair@example.com', [identity(0), identity(1)], 'run-died', claimedAt);
            // The other instance claims a new reminder for the same person between this instance's
            // reading of the ledger and its write, so that write meets a document that moved on.
            const deliveries = one.collection('deliveries', z.unknown(), () => ({}));
            const transact = deliveries.transact.bind(deliveries);
            let interfered = 0;
            deliveries.transact = async (key, mutate) => {
                if (interfered++ === 0)
                    await new DeliveryLedger(two).claim('chair@example.com', [identity(2)], 'run-live', later);
                return transact(key, mutate);
            };
            const settled = await new DeliveryLedger(one).settleAbandoned(later, 60_000);
            assert.equal(interfered, 1);
            assert.deepEqual(settled.map((r) => [r.step, r.outcome]).sort(), [
                ['reminder-0', 'unconfirmed'],
                ['reminder-1', 'unconfirmed'],
            ]);
            const records = await new DeliveryLedger(two).records();
            assert.deepEqual(records.map((r) => [r.step, r.outcome ?? 'claimed']).sort(), [
                ['reminder-0', 'unconfirmed'],
                ['reminder-1', 'unconfirmed'],
                ['reminder-2', 'claimed'],
            ]);
        });

        it('refuses a corrupt document with a message naming it, and leaves it as it was', async () => {
            const store = await open();
            await backend.writeRaw('counters', 'khog/2026-12', '{"key": "khog/2026-12", "n": "one", "by": []}');
            const set = store.collection('counters', counterSchema, (key) => ({ key, n: 0, by: [] }));
            await assert.rejects(set.get('khog/2026-12'), /2026-12\.json does not match the expected schema: n/);
            await assert.rejects(
                set.transact('khog/2026-12', (d) => {
                    d.n++;
                }),
                /does not match/,
            );
            assert.match(await backend.readRaw('counters', 'khog/2026-12'), /"one"/);
        });

        it('exclusive: two instances never do the work at once; the second waits its turn', async () => {
            const [one, two] = [await open(), await open()];
            let inside = 0;
            let most = 0;
            const work = async () => {
                inside++;
                most = Math.max(most, inside);
                await new Promise((r) => setTimeout(r, 300));
                inside--;
                return 'done';
            };
            const results = await Promise.all([one.exclusive('reminders', work), two.exclusive('reminders', work)]);
            assert.equal(most, 1);
            assert.deepEqual(
                results.map((r) => r.ran),
                [true, true],
            );
            // With no wait, a held lease means the work is not done by this instance.
            const held = one.exclusive('reminders', work);
            await new Promise((r) => setTimeout(r, 100));
            assert.deepEqual(await two.exclusive('reminders', work, { waitMs: 0 }), {
                ran: false,
                holder: 'another instance',
            });
            await held;
        });

        it('exclusive with coalesce: a caller that waited while another ran the work does not run it again', async () => {
            const [one, two] = [await open(), await open()];
            const ran: string[] = [];
            const work = (who: string) => async () => {
                ran.push(who);
                await new Promise((r) => setTimeout(r, 400));
                return who;
            };
            const first = one.exclusive('reminders', work('one'), { coalesce: true });
            await new Promise((r) => setTimeout(r, 100));
            const second = await two.exclusive('reminders', work('two'), { coalesce: true });
            assert.deepEqual(await first, { ran: true, result: 'one' });
            assert.deepEqual(second, { ran: false, holder: 'another instance', finished: true });
            assert.deepEqual(ran, ['one']);
            // Asked again once the lease is free, it runs: coalescing joins only a run it waited for.
            assert.deepEqual(await two.exclusive('reminders', work('two'), { coalesce: true }), {
                ran: true,
                result: 'two',
            });
            assert.deepEqual(ran, ['one', 'two']);
        });

        it('exclusive with coalesce: work that threw, or a holder that died, leaves it to the caller waiting', async () => {
            const [one, two] = [await open({ leaseSeconds: backend.leaseMs / 1000 }), await open()];
            const failing = one.exclusive(
                'reminders',
                async () => {
                    await new Promise((r) => setTimeout(r, 300));
                    throw new Error('the run failed');
                },
                { coalesce: true },
            );
            const failed = assert.rejects(failing, /the run failed/);
            await new Promise((r) => setTimeout(r, 100));
            const after = await two.exclusive('reminders', async () => 'ran after a failed run', { coalesce: true });
            await failed;
            assert.deepEqual(after, { ran: true, result: 'ran after a failed run' });

            await backend.abandonLease();
            const r = await one.exclusive('reminders', async () => 'took over', {
                coalesce: true,
                waitMs: backend.leaseMs + 10_000,
            });
            assert.deepEqual(r, { ran: true, result: 'took over' });
        });

        it('exclusive: a holder that died is taken over within the lease term', async () => {
            const store = await open({ leaseSeconds: backend.leaseMs / 1000 });
            await backend.abandonLease();
            const started = Date.now();
            const r = await store.exclusive('reminders', async () => Date.now() - started, {
                waitMs: backend.leaseMs + 10_000,
            });
            assert.equal(r.ran, true);
            const waited = r.ran ? r.result : Infinity;
            assert.ok(waited <= backend.leaseMs + 3000, `took over after ${waited} ms (term ${backend.leaseMs} ms)`);
        });
    });
}
