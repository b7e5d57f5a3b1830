import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { runCli } from '../../src/cli.js';
import { DeliveryLedger } from '../../src/notify/ledger.js';
import { openStore, type Store, type StoreDump } from '../../src/store/store.js';
import { openAzureBlobStore } from '../../src/store/azureBlob.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

const noteSchema = z.object({ key: z.string(), notes: z.array(z.string()) });

function capture(env: Record<string, string> = {}) {
    const out: string[] = [];
    return {
        io: {
            out: (l: string) => out.push(l),
            err: (l: string) => out.push(l),
            env,
            now: () => new Date('2026-11-30T12:00:00Z'),
        },
        out,
    };
}

/** A store with main data and two collections, as the bot leaves it after some use. */
async function fill(store: Store): Promise<void> {
    await store.transact((d) => void (d.groups[0].name = 'Renamed by use'));
    const notes = store.collection('notes', noteSchema, (key) => ({ key, notes: [] }));
    await notes.transact('khog/2026-12', (d) => void d.notes.push('first'));
    await notes.transact('kpog/2026-06', (d) => void d.notes.push('second'));
    await new DeliveryLedger(store).claim(
        'chair@example.com',
        [{ groupId: 'khog', period: '2026-12', step: 'reminder-14', recipient: 'chair@example.com', as: 'chair' }],
        'run-1',
        new Date('2026-11-30T09:00:00Z'),
    );
}

describe('command line: backup, restore and migrate', function () {
    this.timeout(120_000);
    let tmp: ReturnType<typeof tempDir>;
    let file: string;
    let env: Record<string, string>;
    beforeEach(() => {
        tmp = tempDir();
        file = writeStoreFile(tmp.dir, sampleData());
        env = { STORE_FILE: file, SEED_FILE: writeStoreFile(tmp.dir, sampleData(), 'seed.json') };
    });
    afterEach(() => tmp.cleanup());

    const dumpOf = async (f = file): Promise<StoreDump> => (await openStore({ file: f })).dump();

    it('backup then restore brings back exactly what was backed up, only with --yes', async () => {
        await fill(await openStore({ file }));
        const before = await dumpOf();
        const archive = path.join(tmp.dir, 'backup.json.gz');
        const c = capture(env);
        assert.equal(await runCli(['backup', archive], c.io), 0, c.out.join('\n'));
        assert.match(
            c.out.join('\n'),
            /Backed up the main data \(\d+ groups.*and 3 documents \(deliveries 1, notes 2\)/,
        );

        // Changes after the backup: a renamed group, a new document, a removed collection.
        const store = await openStore({ file });
        await store.transact((d) => void (d.groups[0].name = 'Changed later'));
        await store.collection('notes', noteSchema, (key) => ({ key, notes: [] })).transact('new/2027-01', () => 0);
        fs.rmSync(path.join(tmp.dir, 'store.deliveries'), { recursive: true });

        const check = capture(env);
        assert.equal(await runCli(['restore', archive], check.io), 0, check.out.join('\n'));
        assert.match(check.out.join('\n'), /is whole and valid[\s\S]*Nothing was replaced/);
        assert.equal((await dumpOf()).main.groups[0].name, 'Changed later');

        const go = capture(env);
        assert.equal(await runCli(['restore', archive, '--yes'], go.io), 0, go.out.join('\n'));
        assert.deepEqual(await dumpOf(), before);
    });

    it('restore refuses a damaged archive or invalid data and leaves the store as it was', async () => {
        await fill(await openStore({ file }));
        const archive = path.join(tmp.dir, 'backup.json');
        assert.equal(await runCli(['backup', archive], capture(env).io), 0);
        const before = await dumpOf();

        const text = fs.readFileSync(archive, 'utf8');
        const damaged = path.join(tmp.dir, 'damaged.json');
        fs.writeFileSync(damaged, text.replace('Renamed by use', 'Renamed by hand'));
        let c = capture(env);
        assert.equal(await runCli(['restore', damaged, '--yes'], c.io), 1);
        assert.match(c.out.join('\n'), /damaged: its checksum does not match/);

        // A consistent checksum over data that is not a store is refused too.
        const { createHash } = await import('node:crypto');
        const parsed = JSON.parse(text) as { data: StoreDump; sha256: string };
        (parsed.data.main as { groups: unknown }).groups = 'not a list';
        parsed.sha256 = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex');
        const invalid = path.join(tmp.dir, 'invalid.json');
        fs.writeFileSync(invalid, JSON.stringify(parsed));
        c = capture(env);
        assert.equal(await runCli(['restore', invalid, '--yes'], c.io), 1);
        assert.match(c.out.join('\n'), /the main data is invalid: groups/);

        fs.writeFileSync(path.join(tmp.dir, 'other.json'), '{"hello": 1}');
        c = capture(env);
        assert.equal(await runCli(['restore', path.join(tmp.dir, 'other.json'), '--yes'], c.io), 1);
        assert.match(c.out.join('\n'), /not a backup archive of this bot/);
        assert.deepEqual(await dumpOf(), before);
    });

    describe('migrate (Azurite)', () => {
        let azurite: Azurite;
        before(async () => (azurite = await startAzurite()));
        after(async () => azurite?.stop());

        it('--to azure-blob and back: every export is the same at each step', async () => {
            await fill(await openStore({ file }));
            const original = await dumpOf();
            const container = azurite.container();
            const azureEnv = { ...env, ...azurite.env(container), STORE_BACKEND: 'file' };

            let c = capture(azureEnv);
            assert.equal(await runCli(['migrate', '--to', 'azure-blob'], c.io), 0, c.out.join('\n'));
            assert.match(c.out.join('\n'), /Verified: both stores export the same data/);
            const blob = await openAzureBlobStore({
                location: { connectionString: azurite.connectionString, container },
            });
            assert.deepEqual(await blob.dump(), original);
            // The bot's own reads on the new backend see the same data.
            assert.equal(blob.read().groups[0].name, 'Renamed by use');
            assert.equal((await new DeliveryLedger(blob).records()).length, 1);
            await blob.close();

            // A second migration into a store that holds data is refused without --replace.
            c = capture(azureEnv);
            assert.equal(await runCli(['migrate', '--to', 'azure-blob'], c.io), 1);
            assert.match(c.out.join('\n'), /already holds .* Nothing was copied/);

            // And back to a new file: the same again, and the CSV exports of both ends agree.
            const back = path.join(tmp.dir, 'back', 'store.json');
            const backEnv = { ...azureEnv, STORE_FILE: back };
            c = capture(backEnv);
            assert.equal(await runCli(['migrate', '--to', 'file'], c.io), 0, c.out.join('\n'));
            assert.deepEqual(await dumpOf(back), original);
            const exportOf = async (e: Record<string, string>) => {
                const x = capture(e);
                assert.equal(await runCli(['export', 'roster'], x.io), 0);
                return x.out.join('\n');
            };
            assert.equal(await exportOf(backEnv), await exportOf(env));
            await azurite.drop(container);
        });
    });
});
