import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { HandledActivities } from '../../src/services/handledActivities.js';
import { openStore } from '../../src/store/store.js';
import { tempDir, writeStoreFile } from '../helpers/fixtures.js';

describe('activities already handled', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    it("a busy conversation's claims are spread over several documents, and each delivered again is still known", async () => {
        const file = writeStoreFile(tmp.dir);
        const now = new Date('2026-12-08T09:00:00Z');
        const handled = new HandledActivities(await openStore({ file }), 60 * 60_000);
        const keys = Array.from({ length: 200 }, (_, i) => `activity-${i}`);
        for (const key of keys) assert.deepEqual(await handled.claim('a:busy-chat', key, now), { first: true });
        const docs = fs.readdirSync(path.join(tmp.dir, 'store.handled-activities'));
        assert.ok(docs.length > 1, `${docs.length} document(s) for one conversation`);
        // Another instance on the same store sees every one of them as handled.
        const other = new HandledActivities(await openStore({ file }), 60 * 60_000);
        for (const key of keys) {
            const again = await other.claim('a:busy-chat', key, new Date(now.getTime() + 60_000));
            assert.equal(again.first, false, key);
        }
        // A released claim is handled afresh; the others stay handled.
        await other.release('a:busy-chat', 'activity-7');
        assert.deepEqual(await handled.claim('a:busy-chat', 'activity-7', now), { first: true });
        assert.equal((await handled.claim('a:busy-chat', 'activity-8', now)).first, false);
    });
});
