import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sinon from 'sinon';
import { z } from 'zod';
import { DocumentSet, openStore, StoreError } from '../../src/store/store.js';
import { tempDir, writeStoreFile } from '../helpers/fixtures.js';

const entrySchema = z.object({ key: z.string(), entries: z.array(z.object({ n: z.number() })) });

describe('store collections', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    async function open() {
        const store = await openStore({ file: writeStoreFile(tmp.dir) });
        return { store, set: store.collection('updates', entrySchema, (key) => ({ key, entries: [] })) };
    }

    it('keeps each key in its own file beside the store, created on first write', async () => {
        const { store, set } = await open();
        assert.equal(await set.get('khog/2026-12'), undefined);
        await set.transact('khog/2026-12', (d) => d.entries.push({ n: 1 }));
        await set.transact('asset-management/2026-12', (d) => d.entries.push({ n: 2 }));
        const file = path.join(tmp.dir, 'store.updates', 'khog', '2026-12.json');
        assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { key: 'khog/2026-12', entries: [{ n: 1 }] });
        assert.deepEqual(
            (await set.list()).map((d) => d.key),
            ['asset-management/2026-12', 'khog/2026-12'],
        );
        assert.deepEqual(
            (await set.list('khog/')).map((d) => d.data.entries[0].n),
            [1],
        );
        assert.equal(
            store.collection('updates', entrySchema, () => ({ key: '', entries: [] })),
            set,
        );
    });

    it("lists one folder's documents without reading any other folder", async () => {
        const { set } = await open();
        for (const g of ['khog', 'kpog', 'homechoice'])
            for (const p of ['2026-06', '2026-12']) await set.transact(`${g}/${p}`, (d) => d.entries.push({ n: 1 }));
        assert.ok(set instanceof DocumentSet, 'the file store keeps a collection as a DocumentSet');
        const dir = set.dir;
        const readdir = sinon.spy(fs, 'readdirSync');
        try {
            assert.deepEqual(await set.keys('kpog/'), ['kpog/2026-06', 'kpog/2026-12']);
            assert.deepEqual(await set.keys('kpog/2026-1'), ['kpog/2026-12']);
            assert.deepEqual(await set.keys('../'), []);
            const folders = readdir.getCalls().map((c) => path.relative(dir, String(c.args[0])));
            assert.deepEqual(folders, ['kpog', 'kpog']);
        } finally {
            readdir.restore();
        }
        assert.equal((await set.keys()).length, 6);
    });

    it('a write touches only its own document', async () => {
        const { set } = await open();
        await set.transact('khog/2026-12', (d) => d.entries.push({ n: 1 }));
        const other = path.join(tmp.dir, 'store.updates', 'khog', '2026-12.json');
        const stamp = fs.statSync(other).mtimeMs;
        for (let i = 0; i < 5; i++) await set.transact('asset-management/2026-12', (d) => d.entries.push({ n: i }));
        assert.equal(fs.statSync(other).mtimeMs, stamp);
    });

    it('refuses keys that could escape the folder', async () => {
        const { set } = await open();
        for (const key of ['../store', 'khog/../../x', '/etc/passwd', 'KHOG', '']) {
            await assert.rejects(
                set.transact(key, () => undefined),
                (e: unknown) => e instanceof StoreError && e.code === 'store.badKey',
            );
        }
    });

    it('refuses a corrupt document with a message naming it, and leaves it as it was', async () => {
        const { store } = await open();
        const dir = path.join(tmp.dir, 'store.updates', 'khog');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, '2026-12.json'), '{"key": "khog/2026-12", "entries": [{"n": "one"}]}');
        const set = store.collection('updates', entrySchema, (key) => ({ key, entries: [] }));
        await assert.rejects(
            set.get('khog/2026-12'),
            /2026-12\.json does not match the expected schema: entries\.0\.n/,
        );
        await assert.rejects(
            set.transact('khog/2026-12', (d) => d.entries.push({ n: 1 })),
            /does not match/,
        );
        assert.match(fs.readFileSync(path.join(dir, '2026-12.json'), 'utf8'), /"one"/);
    });
});
