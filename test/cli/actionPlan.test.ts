/**
 * `npx khg-bot import|export actions GROUP FILE`, in-process, on a temporary store, with an action
 * plan made from seed 004's own rows (and one of seed 001's), retyped as data.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../src/cli.js';
import { AuditTrail } from '../../src/services/audit.js';
import { openStore } from '../../src/store/store.js';
import type { Milestone } from '../../src/domain/model.js';
import { actionPlanData, BAD_ACTION_PLAN, GOOD_ACTION_PLAN } from '../helpers/actionPlans.js';
import { tempDir, writeStoreFile } from '../helpers/fixtures.js';

const GOOD = GOOD_ACTION_PLAN;
const BAD = BAD_ACTION_PLAN;
const data = () => actionPlanData();

const grid = (file: string): string[][] => parse(fs.readFileSync(file, 'utf8'), { bom: true });

describe('action plans from the command line', () => {
    let tmp: ReturnType<typeof tempDir>;
    let store: string;
    const run = async (...args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(['--store', store, ...args], {
            out: (l) => out.push(l),
            err: (l) => err.push(l),
            env: {},
            now: () => new Date('2026-11-30T12:00:00Z'),
        });
        return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const milestones = (): Milestone[] => JSON.parse(fs.readFileSync(store, 'utf8')).milestones;

    beforeEach(() => {
        tmp = tempDir();
        store = writeStoreFile(tmp.dir, data());
    });
    afterEach(() => tmp.cleanup());

    it("imports seed 004's rows as milestones under the named objectives, reading the papers' dates and states", async () => {
        const r = await run('import', 'actions', 'asset-management', GOOD);
        assert.equal(r.code, 0, r.err);
        assert.match(
            r.out,
            /Imported 9 rows of Asset Management's action plan: 9 new, 0 changed, 0 unchanged milestones\./,
        );
        const ms = milestones();
        assert.equal(ms.length, 9);
        const by = (start: string) => ms.find((m) => m.description.startsWith(start))!;
        assert.deepEqual(
            [by('Continue tenancy mediation').ongoing, by('Continue tenancy mediation').state],
            [true, 'on_track'],
        );
        assert.equal(by('Continue tenancy mediation').stateAssumed, true, 'paragraph text names no state: assumed');
        assert.equal(by('Work in partnership').target, '2020-12');
        assert.equal(by('Allocation Scheme').target, '2019-12');
        assert.equal(by('Allocation Scheme').state, 'done');
        assert.equal(by('Allocation Scheme').ref, 'HW5');
        assert.equal(by('MBC to work towards').ongoing, true, '"On-going wit quarterly reviews"');
        assert.equal(by('MBC to work towards').state, 'done');
        assert.equal(by('Improve access to GPs').target, '2020-03', '"Reviewed in March 2020"');
        assert.equal(by('Develop the social enterprise').target, undefined, 'an empty timescale has no target');
        assert.equal(by('Produce home visit').state, 'slipped', '"Deferred pending..."');
        assert.equal(by('Produce home visit').stateAssumed, false);
        assert.equal(
            by('Work in partnership').outcomes,
            'Fewer young people presenting as homeless\nExpectations will be in line with options.',
        );
        assert.equal(by('Work in partnership').updateLabel, 'Update Feb 2022');
        assert.equal(by('Work in partnership').history[0].source, 'import');
        assert.ok(ms.every((m) => m.groupId === 'asset-management'));
    });

    it('refuses a plan with bad rows: every unmappable row named by number, nothing imported', async () => {
        const before = fs.readFileSync(store, 'utf8');
        const r = await run('import', 'actions', 'asset-management', BAD);
        assert.equal(r.code, 1);
        assert.match(r.err, /2 rows of .* could not be mapped, so nothing was imported/);
        assert.match(r.err, /row 5: the timescale "Decembe20 19" is not a date I can read/);
        assert.match(r.err, /row 6: Asset Management does not contribute to A8/);
        assert.doesNotMatch(r.err, /row [2347]:/);
        assert.equal(fs.readFileSync(store, 'utf8'), before);
    });

    it('an import is kept in the audit trail as one of the group, with the file and the command line as the way in; a dry run is not', async () => {
        assert.equal((await run('import', 'actions', 'asset-management', GOOD, '--dry-run')).code, 0);
        assert.equal((await run('import', 'actions', 'asset-management', GOOD, '--by', 'Morgan Ellis')).code, 0);
        const entries = await new AuditTrail(await openStore({ file: store })).find({}, new Date('2026-12-01'));
        assert.equal(entries.length, 1);
        assert.equal(entries[0].action, 'import.actions');
        assert.equal(entries[0].via, 'cli');
        assert.equal(entries[0].file, 'seed004-actions.csv');
        assert.deepEqual(entries[0].by, { name: 'Morgan Ellis' });
        assert.deepEqual(entries[0].subject, {
            kind: 'group',
            id: 'asset-management',
            name: "Asset Management's action plan",
        });
        assert.match(entries[0].summary, /Imported seed004-actions\.csv into Asset Management's action plan: 9 added/);
        assert.deepEqual(entries[0].changes[0].before, []);
    });

    it('--dry-run checks the plan and saves nothing', async () => {
        const before = fs.readFileSync(store, 'utf8');
        const r = await run('import', 'actions', 'asset-management', GOOD, '--dry-run');
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /Checked 9 rows/);
        assert.match(r.out, /Nothing was changed \(dry run\)/);
        assert.equal(fs.readFileSync(store, 'utf8'), before);
    });

    it('exports the same layout: imported then exported, the file reads back unchanged (CSV)', async () => {
        assert.equal((await run('import', 'actions', 'asset-management', GOOD)).code, 0);
        const out = path.join(tmp.dir, 'exported.csv');
        const r = await run('export', 'actions', 'asset-management', out);
        assert.equal(r.code, 0, r.err);
        assert.deepEqual(grid(out), grid(GOOD));
        const again = await run('import', 'actions', 'asset-management', out);
        assert.match(again.out, /0 new, 0 changed, 9 unchanged milestones/);
        assert.equal(milestones().length, 9);
    });

    it('exports and imports .xlsx too, unchanged', async () => {
        assert.equal((await run('import', 'actions', 'Asset Management', GOOD)).code, 0);
        const xlsx = path.join(tmp.dir, 'plan.xlsx');
        assert.equal((await run('export', 'actions', 'asset-management', xlsx)).code, 0);
        const before = milestones();
        const r = await run('import', 'actions', 'asset-management', xlsx);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /0 new, 0 changed, 9 unchanged milestones/);
        assert.deepEqual(milestones(), before);
    });

    it('an unknown group is refused with the groups there are', async () => {
        const r = await run('import', 'actions', 'no-such-group', GOOD);
        assert.equal(r.code, 1);
        assert.match(r.err, /No group called "no-such-group"/);
    });
});
