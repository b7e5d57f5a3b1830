/** `khg-bot import register` and `khg-bot export register`, run in-process against a temporary store. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli.js';
import { storeDataSchema, type StoreData } from '../../src/domain/model.js';
import { tempDir, writeStoreFile } from '../helpers/fixtures.js';

const seed: StoreData = storeDataSchema.parse(
    JSON.parse(fs.readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')),
);

function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env: {} }, out, err };
}

describe('register import and export on the command line', () => {
    let tmp: ReturnType<typeof tempDir>;
    let store: string;
    const read = () => fs.readFileSync(store, 'utf8');
    const protocols = () => (JSON.parse(read()) as StoreData).protocols;
    const run = async (...args: string[]) => {
        const c = capture();
        const code = await runCli(['--store', store, ...args], c.io);
        return { code, out: c.out.join('\n'), err: c.err.join('\n') };
    };

    beforeEach(() => {
        tmp = tempDir();
        // Written as the store writes it, so that "unchanged" can be checked byte for byte.
        store = writeStoreFile(tmp.dir, `${JSON.stringify(seed, null, 2)}\n`);
    });
    afterEach(() => tmp.cleanup());

    it('export then import gives the same register, and the store file is unchanged byte for byte', async () => {
        const csv = path.join(tmp.dir, 'register.csv');
        let r = await run('export', 'register', csv);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /Exported 22 documents to/);
        const text = fs.readFileSync(csv, 'utf8');
        assert.match(
            text,
            /^\uFEFFid,title,kind,owner_groups,partners,published,last_reviewed,next_review,review_cycle_months,status,status_note,url,/,
        );
        assert.equal(text.trim().split('\r\n').length, 23);
        const before = read();
        r = await run('import', 'register', csv);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /Imported 22 documents from .*: 0 new, 0 changed, 22 unchanged, 0 removed\./);
        assert.equal(read(), before);
        assert.deepEqual(protocols(), seed.protocols);
    });

    it('a file with a bad row imports nothing and names the row and the problem', async () => {
        const csv = path.join(tmp.dir, 'bad.csv');
        fs.writeFileSync(
            csv,
            [
                'title,kind,owner_groups,published,status',
                'Kent Viability Protocol,protocol,kpog,2013,current',
                'Kent Fuel Poverty Strategy,strategy,KEEP,2016-13,current',
                'Moving on or Moving In,booklet,KHOG;Homechoice,2017,probably due',
            ].join('\n'),
        );
        const before = read();
        const r = await run('import', 'register', csv);
        assert.equal(r.code, 1);
        assert.match(r.err, /Nothing was imported: the file has 2 problems\./);
        assert.match(r.err, /row 3: published "2016-13" is not a date/);
        assert.match(r.err, /row 4: status "probably due" must be one of current, under_review, draft, withdrawn/);
        assert.equal(read(), before);
    });

    it('an import replaces the register, derives missing ids from titles, keeps history for surviving ids and records who changed what', async () => {
        const csv = path.join(tmp.dir, 'new.csv');
        fs.writeFileSync(
            csv,
            [
                'id,title,kind,owner_groups,partners,published,last_reviewed,next_review,review_cycle_months,status,status_note,url',
                'reciprocal-scheme,Kent high priority rehousing reciprocal scheme,protocol,KHOG,,,2026-10,2027-10,12,current,Reviewed by KHOG in October 2026,',
                ',Kent Homelessness Prevention Guide,guide,khog; tenancy-management,KCC,2026-06,,,,draft,,https://example.com/guide.pdf',
            ].join('\n'),
        );
        const r = await run('import', 'register', csv, '--by', 'Morgan Ellis');
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /Imported 2 documents from .*: 1 new, 1 changed, 0 unchanged, 21 removed\./);
        assert.match(r.out, /New: kent-homelessness-prevention-guide/);
        const [krs, guide] = protocols();
        assert.equal(krs.id, 'reciprocal-scheme');
        assert.deepEqual(krs.aliases, [], 'columns the file does not have are emptied: the file is the register');
        assert.equal(krs.history.length, 2, 'the seed history is kept');
        assert.equal(krs.history[0].by, 'seed');
        const event = krs.history[1];
        assert.equal(event.by, 'Morgan Ellis');
        assert.equal(event.kind, 'imported');
        assert.deepEqual(event.changes?.lastReviewed, { from: '2020', to: '2026-10' });
        assert.deepEqual(event.changes?.nextReview, { from: '2021-09', to: '2027-10' });
        assert.ok(Date.now() - Date.parse(event.at) < 60_000, 'stamped with the time of the import');
        assert.equal(guide.id, 'kent-homelessness-prevention-guide');
        assert.deepEqual(guide.ownerGroups, ['khog', 'tenancy-management']);
        assert.equal(guide.history.length, 1);
        assert.ok(storeDataSchema.safeParse(JSON.parse(read())).success);
    });

    it('--dry-run, before or after the file, says what would change and changes nothing', async () => {
        const csv = path.join(tmp.dir, 'one.csv');
        fs.writeFileSync(csv, 'title,kind,status\nOnly document,protocol,current\n');
        const before = read();
        for (const args of [
            ['import', 'register', csv, '--dry-run'],
            ['import', '--dry-run', 'register', csv],
        ]) {
            const r = await run(...args);
            assert.equal(r.code, 0, r.err);
            assert.match(r.out, /Checked 1 document .*: 1 new, 0 changed, 0 unchanged, 22 removed\./);
            assert.match(r.out, /Nothing was changed \(dry run\)/);
            assert.equal(read(), before);
        }
    });

    it('with no store yet, export writes the seed register and creates no store', async () => {
        const missing = path.join(tmp.dir, 'none', 'store.json');
        const c = capture();
        c.io.env = { SEED_FILE: path.join(tmp.dir, 'seed.json') };
        fs.writeFileSync(path.join(tmp.dir, 'seed.json'), JSON.stringify(seed));
        assert.equal(await runCli(['--store', missing, 'export', 'register'], c.io), 0, c.err.join('\n'));
        assert.equal(c.out.join('\n').trim().split('\n').length, 23);
        assert.equal(fs.existsSync(missing), false);
    });

    it("the partnership data commands still work beside the register's", async () => {
        const r = await run('export', 'groups');
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /khog/);
    });

    it('a missing file is a clear error, and the store is untouched', async () => {
        const before = read();
        const r = await run('import', 'register', path.join(tmp.dir, 'nope.csv'));
        assert.equal(r.code, 1);
        assert.match(r.err, /Error: Cannot read .*nope\.csv: no such file\. Nothing was imported\./);
        assert.equal(read(), before);
    });

    it('export with no file (or "-") prints the CSV', async () => {
        assert.equal((await run('export', 'register', '-')).out, (await run('export', 'register')).out);
        const r = await run('export', 'register');
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /^id,title,kind,/);
        assert.match(
            r.out,
            /reciprocal-scheme,Kent high priority rehousing reciprocal scheme,protocol,khog,the twelve Kent local housing authorities,,2020,2021-09,12,current,/,
        );
    });

    it('both commands are listed in the help', async () => {
        const c = capture();
        await runCli(['import', '--help'], c.io);
        await runCli(['export', '--help'], c.io);
        assert.match(c.out.join('\n'), /register \[options\] <file>/);
        assert.match(c.out.join('\n'), /register \[file\]/);
    });

    it("review-cycle sets, shows and clears the partnership's policy, with who set it; the due list follows", async () => {
        let r = await run('review-cycle');
        assert.match(r.out, /No review cycle is set/);
        r = await run('review-cycle', '36', '--by', 'Morgan Ellis');
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /now 36 months \(it was not set\)/);
        const settings = (JSON.parse(read()) as StoreData).settings;
        assert.equal(settings.reviewCycle?.months, 36);
        assert.equal(settings.reviewCycle?.setBy, 'Morgan Ellis');
        assert.match((await run('review-cycle')).out, /is 36 months \(set by Morgan Ellis/);
        r = await run('review-cycle', 'twelve');
        assert.equal(r.code, 1);
        assert.equal((JSON.parse(read()) as StoreData).settings.reviewCycle?.months, 36);
        r = await run('review-cycle', 'none');
        assert.match(r.out, /cleared \(it was 36\)/);
        assert.deepEqual((JSON.parse(read()) as StoreData).settings, {});
    });
});
