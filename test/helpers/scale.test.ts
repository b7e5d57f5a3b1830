import assert from 'node:assert/strict';
import { storeDataSchema } from '../../src/domain/model.js';
import { readUpdate, previousSubmission } from '../../src/services/progress.js';
import { openStore } from '../../src/store/store.js';
import { tempDir, writeStoreFile } from './fixtures.js';
import { groupId, periodsBefore, personEmail, scaleData, withChairChats, writeUpdateHistory } from './scale.js';

describe('data at scale', () => {
    it('makes the sizes asked for, valid against the store schema', () => {
        const data = withChairChats(
            scaleData({ documents: 300, groups: 40, people: 150, objectives: 60 }),
            'http://127.0.0.1:1',
        );
        const parsed = storeDataSchema.parse(data);
        assert.equal(parsed.protocols.length, 300);
        assert.equal(parsed.groups.length, 40);
        assert.equal(parsed.roster.length, 150);
        assert.equal(parsed.objectives.length, 60);
        assert.equal(parsed.roster.filter((e) => e.role === 'chair').length, 40);
        assert.equal(new Set(parsed.protocols.map((p) => p.title)).size, 300);
        assert.equal(parsed.conversations.length, 41, 'a chat for each chair and the manager');
        assert.equal(parsed.roster.find((e) => e.groupId === groupId(3) && e.role === 'chair')?.email, personEmail(5));
    });

    it('periods step back from the last one', () => {
        assert.deepEqual(periodsBefore('2026-12', 3), ['2025-12', '2026-06', '2026-12']);
        assert.deepEqual(periodsBefore('2026-03', 2, 3), ['2025-12', '2026-03']);
    });

    it('writes update history the store reads back', async () => {
        const tmp = tempDir();
        try {
            const data = scaleData({ groups: 3, objectives: 6 });
            const store = await openStore({ file: writeStoreFile(tmp.dir, data) });
            assert.equal(writeUpdateHistory(store, data, periodsBefore('2026-06', 4)), 12);
            const doc = await readUpdate(store, groupId(2), '2025-12');
            assert.equal(doc?.versions[0].kind, 'submitted');
            assert.ok(doc.versions[0].sections.length > 0);
            assert.equal((await previousSubmission(store, groupId(2), '2026-12'))?.period, '2026-06');
        } finally {
            tmp.cleanup();
        }
    });
});
