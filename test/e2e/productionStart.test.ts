/**
 * A production start: the configuration `npm start` reads (no DEMO_FILE) creates the store from the
 * papers' facts alone. No demo person is on its roster, and nobody is sent anything.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startRuntime } from '../../src/runtime.js';
import { DEMO_PEOPLE } from '../../scripts/lib/demoPeople.js';
import { tempDir } from '../helpers/fixtures.js';

describe('a production start (no demo layer)', function () {
    this.timeout(60_000);
    it("creates the store from the seed with no demo people and the papers' schedule; nobody is reminded", async () => {
        const tmp = tempDir('khg-prod-');
        // What npm start reads: the defaults, with only the port and the store moved for the test.
        const env = {
            PORT: '0',
            STORE_FILE: path.join(tmp.dir, 'store.json'),
            SCHEDULER: 'false',
            LOG_LEVEL: 'silent',
        };
        const config = loadConfig(env);
        assert.equal(config.demoFile, undefined);
        const runtime = await startRuntime(config, silentLogger);
        try {
            const stored = JSON.parse(fs.readFileSync(config.storeFile, 'utf8'));
            assert.deepEqual(stored.roster, []);
            const text = JSON.stringify(stored);
            for (const p of DEMO_PEOPLE) {
                assert.ok(!text.includes(p.email), `${p.email} is in the production store`);
                assert.ok(!text.includes(p.name), `${p.name} is in the production store`);
            }
            assert.ok(!text.includes('Demo value'), 'no demo value in the production store');
            const khog = stored.groups.find((g: { id: string }) => g.id === 'khog');
            assert.equal(khog.nextUpdateDue, '2022-09-30');
            assert.equal(khog.cadenceMonths, 6);
            const run = await runtime.runReminders();
            assert.deepEqual(run.messages, [], 'nobody to remind: the roster is empty');
        } finally {
            await runtime.stop();
            tmp.cleanup();
        }
    });
});
