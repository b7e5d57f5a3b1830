import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DeliveryLedger, deliveryId, type Identity } from '../../src/notify/ledger.js';
import { openStore } from '../../src/store/store.js';
import { tempDir, writeStoreFile } from '../helpers/fixtures.js';

const at = (iso: string) => new Date(iso);
const id = (step: string, groupId = 'khog'): Identity => ({
    groupId,
    period: '2026-12',
    step,
    recipient: 'Priya.Shah@example.com',
    as: 'chair',
});

describe('the delivery ledger', () => {
    let tmp: ReturnType<typeof tempDir>;
    let file: string;
    beforeEach(() => {
        tmp = tempDir();
        file = writeStoreFile(tmp.dir);
    });
    afterEach(() => tmp.cleanup());

    it('claims an identity once: a second claim, even from a second store instance, gets nothing', async () => {
        const a = new DeliveryLedger(await openStore({ file }));
        const b = new DeliveryLedger(await openStore({ file }));
        const first = await a.claim(
            'priya.shah@example.com',
            [id('before-14'), id('before-3')],
            'run-a',
            at('2026-12-01T09:00:00Z'),
        );
        const second = await b.claim(
            'PRIYA.SHAH@example.com',
            [id('before-3'), id('due')],
            'run-b',
            at('2026-12-01T09:00:01Z'),
        );
        assert.deepEqual(
            first.map((i) => i.step),
            ['before-14', 'before-3'],
        );
        assert.deepEqual(
            second.map((i) => i.step),
            ['due'],
        );
    });

    it('two concurrent claims of the same identities: exactly one wins each', async () => {
        const a = new DeliveryLedger(await openStore({ file }));
        const b = new DeliveryLedger(await openStore({ file }));
        const ids = ['before-14', 'before-3', 'due'].map((s) => id(s));
        const [x, y] = await Promise.all([
            a.claim('priya.shah@example.com', ids, 'run-a', at('2026-12-01T09:00:00Z')),
            b.claim('priya.shah@example.com', ids, 'run-b', at('2026-12-01T09:00:00Z')),
        ]);
        assert.equal(x.length + y.length, 3);
        assert.deepEqual([...x, ...y].map(deliveryId).sort(), ids.map(deliveryId).sort());
    });

    it('records the outcome of each identity the send carried', async () => {
        const ledger = new DeliveryLedger(await openStore({ file }));
        const ids = [id('due'), id('due', 'asset-management')];
        await ledger.claim('priya.shah@example.com', ids, 'run', at('2026-12-11T09:00:00Z'));
        await ledger.finish(
            'priya.shah@example.com',
            ids,
            { outcome: 'throttled then sent', attempts: 2, activityId: 'act-1' },
            at('2026-12-11T09:00:03Z'),
        );
        const records = await ledger.records({ period: '2026-12' });
        assert.deepEqual(
            records.map((r) => [r.groupId, r.outcome, r.attempts, r.activityId]),
            [
                ['khog', 'throttled then sent', 2, 'act-1'],
                ['asset-management', 'throttled then sent', 2, 'act-1'],
            ],
        );
        assert.deepEqual((await ledger.records({ groupId: 'khog' })).length, 1);
    });

    it('a claim abandoned by a crash becomes "unconfirmed" after the lease and is never claimed again', async () => {
        const ledger = new DeliveryLedger(await openStore({ file }));
        await ledger.claim('priya.shah@example.com', [id('due')], 'crashed-run', at('2026-12-11T09:00:00Z'));
        assert.deepEqual(
            await ledger.settleAbandoned(at('2026-12-11T09:01:00Z'), 10 * 60_000),
            [],
            'still within the lease',
        );
        const settled = await ledger.settleAbandoned(at('2026-12-11T09:30:00Z'), 10 * 60_000);
        assert.deepEqual(
            settled.map((r) => [r.step, r.outcome]),
            [['due', 'unconfirmed']],
        );
        assert.deepEqual(
            await ledger.claim('priya.shah@example.com', [id('due')], 'next-run', at('2026-12-11T09:31:00Z')),
            [],
        );
    });

    it('a rider (the documents due) is claimed in the same write as the reminder, only beside a fresh claim, and once', async () => {
        const ledger = new DeliveryLedger(await openStore({ file }));
        const rider = { identity: id('every-30-days-1', 'register') };
        const first = await ledger.claimWithRider(
            'priya.shah@example.com',
            [id('before-14')],
            rider,
            'run-1',
            at('2026-12-01T09:00:00Z'),
        );
        assert.deepEqual([first.claimed.map((i) => i.step), first.rider], [['before-14'], true]);
        // Nothing fresh to send: the rider is not claimed on its own.
        const again = await ledger.claimWithRider(
            'priya.shah@example.com',
            [id('before-14')],
            { identity: id('every-30-days-2', 'register') },
            'run-2',
            at('2026-12-01T09:10:00Z'),
        );
        assert.deepEqual([again.claimed, again.rider], [[], false]);
        // A fresh reminder within the same cadence: the rider was already claimed, so it does not ride again.
        const next = await ledger.claimWithRider(
            'priya.shah@example.com',
            [id('before-3')],
            rider,
            'run-3',
            at('2026-12-12T09:00:00Z'),
        );
        assert.deepEqual([next.claimed.map((i) => i.step), next.rider], [['before-3'], false]);
        // Its condition is asked of the claimed identities: a message only to the manager carries none.
        const manager = await ledger.claimWithRider(
            'priya.shah@example.com',
            [{ ...id('escalation'), as: 'manager' }],
            { identity: id('every-30-days-3', 'register'), when: (c) => c.some((i) => i.as !== 'manager') },
            'run-4',
            at('2026-12-20T09:00:00Z'),
        );
        assert.deepEqual([manager.claimed.map((i) => i.step), manager.rider], [['escalation'], false]);
        assert.deepEqual(
            (await ledger.records({ groupId: 'register' })).map((r) => [r.step, r.runId]),
            [['every-30-days-1', 'run-1']],
        );
    });

    it('keeps no e-mail address in file names', async () => {
        const ledger = new DeliveryLedger(await openStore({ file }));
        await ledger.claim('priya.shah@example.com', [id('due')], 'run', at('2026-12-11T09:00:00Z'));
        const names = fs.readdirSync(path.join(tmp.dir, 'store.deliveries'));
        assert.equal(names.length, 1);
        assert.doesNotMatch(names[0], /priya|@/);
    });
});
