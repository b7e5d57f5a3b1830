/** `npx khg-bot import|export groups|roster|objectives`, in-process, on a temporary store. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli.js';
import { AuditTrail } from '../../src/services/audit.js';
import { openStore } from '../../src/store/store.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} }, out, err };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('importing and exporting CSV from the command line', () => {
    let tmp: ReturnType<typeof tempDir>;
    let store: string;
    const file = (name: string, ...lines: string[]) => {
        const f = path.join(tmp.dir, name);
        fs.writeFileSync(f, lines.join('\n') + '\n');
        return f;
    };
    const run = async (...args: string[]) => {
        const c = capture();
        const code = await runCli(['--store', store, ...args], c.io);
        return { code, out: c.out.join('\n'), err: c.err.join('\n') };
    };
    const stored = () => JSON.parse(fs.readFileSync(store, 'utf8'));

    beforeEach(() => {
        tmp = tempDir();
        store = writeStoreFile(tmp.dir, sampleData());
    });
    afterEach(() => tmp.cleanup());

    it('import roster: replaces the roster and says what it did', async () => {
        const f = file(
            'roster.csv',
            'group_id,role,name,email,aad_object_id',
            ',manager,Morgan Ellis,morgan.ellis@example.com,11111111-1111-4111-8111-111111111111',
            'khog,chair,Sam Okafor,sam.okafor@example.com,',
            'asset-management,chair,Sam Okafor,sam.okafor@example.com,',
            'private-sector-housing,vice_chair,Ravi Patel,ravi.patel@example.com,',
        );
        const r = await run('import', 'roster', f);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /Imported roster: 3 people in 4 roles/);
        assert.deepEqual(
            stored().roster.map((e: { groupId: string | null; name: string }) => [e.groupId, e.name]),
            [
                [null, 'Morgan Ellis'],
                ['khog', 'Sam Okafor'],
                ['asset-management', 'Sam Okafor'],
                ['private-sector-housing', 'Ravi Patel'],
            ],
        );
    });

    it('an import is kept in the audit trail, with the file, the command line as the way in, and what it replaced', async () => {
        const f = file(
            'roster.csv',
            'group_id,role,name,email',
            ',manager,Morgan Ellis,morgan.ellis@example.com',
            'khog,chair,Sam Okafor,sam.okafor@example.com',
        );
        assert.equal((await run('import', 'roster', f)).code, 0);
        assert.equal((await run('import', 'roster', '--dry-run', f)).code, 0);
        const trail = new AuditTrail(await openStore({ file: store }));
        const entries = await trail.find({}, new Date(Date.now() + 1000));
        assert.equal(entries.length, 1, 'a dry run is not recorded');
        assert.equal(entries[0].via, 'cli');
        assert.equal(entries[0].file, 'roster.csv');
        assert.match(entries[0].summary, /Imported roster\.csv into the roster: 1 added, .*removed/);
        assert.deepEqual(entries[0].changes[0].before, sampleData().roster);
    });

    it('a bad roster row imports nothing: every bad row is named and the store file is unchanged', async () => {
        const before = fs.readFileSync(store, 'utf8');
        const f = file(
            'roster.csv',
            'group_id,role,name,email',
            ',manager,Morgan Ellis,morgan.ellis@example.com',
            'khog,chair,Sam Okafor,sam.okafor@example.com',
            'kent-housing-options,chair,Priya Shah,priya.shah@example.com',
            'khog,secretary,Ravi Patel,ravi.patel@example.com',
        );
        const r = await run('import', 'roster', f);
        assert.equal(r.code, 1);
        assert.match(r.err, /Error: The roster file has 2 problems, so nothing was imported:/);
        assert.match(r.err, /row 4: unknown group id "kent-housing-options"/);
        assert.match(r.err, /row 5: unknown role "secretary"/);
        assert.equal(fs.readFileSync(store, 'utf8'), before);
    });

    it('import groups, then objectives naming the new group; an unknown theme names its row and imports nothing', async () => {
        const groups = file(
            'groups.csv',
            'id,name,cadence_months,next_update_due',
            'tenancy-management,Tenancy Management,6,2026-11-20',
        );
        assert.equal((await run('import', 'groups', groups)).code, 0);
        const objectives = file(
            'objectives.csv',
            'ref,theme,text,group_id,contribution',
            'SH2,SH,Work together to prevent homelessness,tenancy-management,Sustaining tenancies',
            'SH2,SH,Work together to prevent homelessness,khog,Housing advice',
        );
        const ok = await run('import', 'objectives', objectives);
        assert.equal(ok.code, 0, ok.err);
        assert.match(ok.out, /Imported objectives: 1 objectives with 2 group contributions/);
        assert.deepEqual(
            stored().objectives[0].contributions.map((c: { groupId: string }) => c.groupId),
            ['tenancy-management', 'khog'],
        );

        const before = fs.readFileSync(store, 'utf8');
        const bad = file(
            'bad.csv',
            'ref,theme,text,group_id,contribution',
            'HW9,HW,Resilient homes,khog,',
            'Q1,Q,Something,khog,',
        );
        const r = await run('import', 'objectives', bad);
        assert.equal(r.code, 1);
        assert.match(r.err, /row 3: unknown theme "Q"/);
        assert.equal(fs.readFileSync(store, 'utf8'), before);
    });

    it('--dry-run checks the file and reports, without saving', async () => {
        const before = fs.readFileSync(store, 'utf8');
        const f = file(
            'groups.csv',
            'id,name,cadence_months,next_update_due',
            'khog,Kent Housing Options Group,6,2027-01-08',
        );
        const r = await run('import', 'groups', f, '--dry-run');
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /Checked, not saved \(dry run\): groups: 0 added, 1 updated/);
        assert.equal(fs.readFileSync(store, 'utf8'), before);
    });

    it('a missing file or an unknown kind of data is a clear error', async () => {
        const missing = await run('import', 'roster', path.join(tmp.dir, 'nope.csv'));
        assert.equal(missing.code, 1);
        assert.match(missing.err, /Cannot read .*nope\.csv: no such file\. Nothing was imported\./);
        const kind = await run('import', 'protocols', path.join(tmp.dir, 'nope.csv'));
        assert.notEqual(kind.code, 0);
        assert.match(kind.err, /Allowed choices are groups, roster, objectives/);
    });

    it('export writes files Excel reads as UTF-8, formula-like cells neutralised; importing them back changes nothing', async () => {
        const data = sampleData();
        data.roster[4].name = '=HYPERLINK("http://evil.example","Jo")';
        store = writeStoreFile(tmp.dir, data);
        for (const kind of ['groups', 'roster', 'objectives']) {
            const f = path.join(tmp.dir, `${kind}.csv`);
            const r = await run('export', kind, f);
            assert.equal(r.code, 0, r.err);
            assert.match(r.out, new RegExp(`Exported \\d+ .* to ${escape(f)}`));
            assert.equal(fs.readFileSync(f, 'utf8').charCodeAt(0), 0xfeff);
        }
        assert.match(
            fs.readFileSync(path.join(tmp.dir, 'roster.csv'), 'utf8'),
            /asset-management,member,"'=HYPERLINK\(""http:\/\/evil\.example"",""Jo""\)",jo\.baker@example\.com/,
        );
        const before = stored();
        for (const kind of ['groups', 'roster', 'objectives']) {
            const r = await run('import', kind, path.join(tmp.dir, `${kind}.csv`));
            assert.equal(r.code, 0, r.err);
        }
        assert.deepEqual(stored(), before);
    });

    it('export with no file prints the CSV', async () => {
        const r = await run('export', 'groups');
        assert.equal(r.code, 0);
        assert.equal(r.out.split('\n')[0], 'id,name,cadence_months,next_update_due,aliases,reports');
        assert.match(r.out, /^khog,Kent Housing Options Group,3,2026-12-11,KHOG,yes$/m);
        assert.match(r.out, /^kcc,Kent County Council,6,,KCC,no$/m);
    });
});
