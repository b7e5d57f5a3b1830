import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AuditTrail } from '../../src/services/audit.js';
import { openStore } from '../../src/store/store.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

describe('audit trail in the store', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.cleanup());

    const by = { name: 'Morgan Ellis', email: 'morgan.ellis@example.com' };

    it('keeps entries durably, one document per month, and reads them back by span and subject', async () => {
        const file = writeStoreFile(tmp.dir, sampleData());
        const store = await openStore({ file });
        const trail = new AuditTrail(store);
        const a = await trail.record(
            {
                by,
                via: 'teams',
                action: 'group.nextUpdateDue',
                subject: { kind: 'group', id: 'khog', name: 'Kent Housing Options Group' },
                summary: "Moved KHOG's next update from 11 December to 18 December 2026",
                changes: [{ field: 'nextUpdateDue', before: '2026-12-11', after: '2026-12-18' }],
            },
            new Date('2026-11-30T10:00:00Z'),
        );
        await trail.record(
            {
                by,
                via: 'cli',
                action: 'register.import',
                subject: { kind: 'register', id: 'register', name: 'The register' },
                summary: 'Imported 22 documents',
                file: 'register.csv',
            },
            new Date('2026-12-02T10:00:00Z'),
        );
        assert.deepEqual(fs.readdirSync(path.join(tmp.dir, 'store.audit')).sort(), ['2026-11.json', '2026-12.json']);

        // A new process reads what the first wrote.
        const again = new AuditTrail(await openStore({ file }));
        const now = new Date('2026-12-05T00:00:00Z');
        const all = await again.find({}, now);
        assert.deepEqual(
            all.map((e) => e.action),
            ['register.import', 'group.nextUpdateDue'],
        );
        const khog = await again.find({ subject: { kind: 'group', id: 'khog' } }, now);
        assert.equal(khog.length, 1);
        assert.deepEqual(khog[0].changes, [{ field: 'nextUpdateDue', before: '2026-12-11', after: '2026-12-18' }]);
        assert.equal((await again.find({ since: new Date('2026-12-01T00:00:00Z') }, now)).length, 1);
        assert.equal((await again.get(a.id))?.summary, a.summary);
        assert.equal(await again.get('not-an-id'), undefined);
    });
});
