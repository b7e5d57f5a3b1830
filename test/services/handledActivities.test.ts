import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HandledActivities } from '../../src/services/handledActivities.js';
import { openStore } from '../../src/store/store.js';
import { tempDir, writeStoreFile } from '../helpers/fixtures.js';

const HOUR = 60 * 60_000;

describe('activities already handled', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    const claimFiles = () =>
        fs
            .readdirSync(path.join(tmp.dir, 'store.handled'), { recursive: true })
            .map(String)
            .filter((f) => f.endsWith('.json'));

    it('each claim is a document of its own; another instance sees each as handled; a released one is handled afresh', async () => {
        const file = writeStoreFile(tmp.dir);
        const now = new Date('2026-12-08T09:00:00Z');
        const handled = new HandledActivities(await openStore({ file }), HOUR);
        const keys = Array.from({ length: 200 }, (_, i) => `activity-${i}`);
        for (const key of keys) assert.deepEqual(await handled.claim('a:busy-chat', key, now), { first: true });
        assert.equal(claimFiles().length, 200);
        // Another instance on the same store sees every one of them as handled.
        const other = new HandledActivities(await openStore({ file }), HOUR);
        for (const key of keys) {
            const again = await other.claim('a:busy-chat', key, new Date(now.getTime() + 60_000));
            assert.equal(again.first, false, key);
        }
        // A released claim is handled afresh; the others stay handled.
        await other.release('a:busy-chat', 'activity-7');
        assert.deepEqual(await handled.claim('a:busy-chat', 'activity-7', now), { first: true });
        assert.equal((await handled.claim('a:busy-chat', 'activity-8', now)).first, false);
    });

    it('deliveries of one activity at once on two instances: exactly one is first; the second gets the kept answer', async () => {
        const file = writeStoreFile(tmp.dir);
        const now = new Date('2026-12-08T09:00:00Z');
        const [a, b] = [
            new HandledActivities(await openStore({ file }), HOUR),
            new HandledActivities(await openStore({ file }), HOUR),
        ];
        const claims = await Promise.all(
            Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).claim('a:chat', 'invoke:1', now)),
        );
        assert.equal(claims.filter((c) => c.first).length, 1);
        await a.keepAnswer('a:chat', 'invoke:1', { status: 200, body: { n: 1 } }, now);
        const files = () =>
            claimFiles().map((f) => {
                const full = path.join(tmp.dir, 'store.handled', f);
                return [f, fs.readFileSync(full, 'utf8'), fs.statSync(full).mtimeMs];
            });
        const before = files();
        assert.deepEqual(await b.claim('a:chat', 'invoke:1', now), {
            first: false,
            at: now.toISOString(),
            answer: { status: 200, body: { n: 1 } },
        });
        assert.deepEqual(files(), before, 'a delivery within the window is answered without a write');
    });

    it('a claim older than the window is claimed afresh, its answer gone; the sweep removes old claims from the disk', async () => {
        const file = writeStoreFile(tmp.dir);
        const now = new Date('2026-12-08T09:00:00Z');
        const handled = new HandledActivities(await openStore({ file }), HOUR);
        await handled.claim('a:chat', 'invoke:old', now);
        await handled.keepAnswer('a:chat', 'invoke:old', { status: 200 }, now);
        const later = new Date(now.getTime() + 2 * HOUR);
        assert.deepEqual(await handled.claim('a:chat', 'invoke:old', later), { first: true });
        assert.deepEqual(await handled.claim('a:chat', 'invoke:old', later), { first: false, at: later.toISOString() });

        // Files written two hours ago (by the machine's clock) go at the next instance's first claim.
        await handled.claim('a:chat', 'message:stale', now);
        const twoHoursAgo = new Date(Date.now() - 2 * HOUR);
        for (const f of claimFiles()) fs.utimesSync(path.join(tmp.dir, 'store.handled', f), twoHoursAgo, twoHoursAgo);
        assert.equal(claimFiles().length, 2);
        const next = new HandledActivities(await openStore({ file }), HOUR);
        assert.deepEqual(await next.claim('a:chat', 'message:new', now), { first: true });
        assert.equal(claimFiles().length, 1, 'only the new claim is left');
        assert.deepEqual(await next.claim('a:chat', 'message:stale', now), { first: true });
    });
});
