/**
 * Faults: the bot killed (SIGKILL) in the middle of a burst of submissions, then restarted; many
 * chairs submitting at once. Every acknowledged write is stored; nothing is half-written.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { VERBS } from '../../src/bot/verbs.js';
import type { StoreData } from '../../src/domain/model.js';
import { openStore } from '../../src/store/store.js';
import { updatesOf } from '../../src/services/progress.js';
import { cardAction } from '../helpers/activities.js';
import { startBot } from '../helpers/botServer.js';
import { startBotProcess } from '../helpers/botProcess.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

/** A partnership of n groups, each with its own chair and one objective. */
function manyGroups(n: number): StoreData {
    const d = sampleData();
    for (let i = 0; i < n; i++) {
        d.groups.push({ id: `g${i}`, name: `Group ${i}`, aliases: [], cadenceMonths: 6, nextUpdateDue: '2026-12-18', reports: true });
        d.roster.push({ groupId: `g${i}`, role: 'chair', name: `Chair ${i}`, email: `chair${i}@example.com`, aadObjectId: `aad-${i}` });
    }
    d.objectives[0].contributions.push(...Array.from({ length: n }, (_, i) => ({ groupId: `g${i}`, contribution: `Group ${i}'s part` })));
    return d;
}

const chair = (i: number) => ({ id: `29:chair${i}`, name: `Chair ${i}`, aadObjectId: `aad-${i}` });
const submit = (i: number, text: string) => cardAction(chair(i), VERBS.progressSubmit, { groupId: `g${i}`, period: '2026-12', basedOn: 0, text_HW9: text, rag_HW9: 'green' });

describe('faults', function () {
    this.timeout(60_000);
    let connector: FakeConnector;
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(async () => {
        connector = await new FakeConnector().start();
        tmp = tempDir();
    });
    afterEach(async () => {
        await connector.stop();
        tmp.cleanup();
    });

    it('50 chairs submitting at once: every update stored, none lost', async () => {
        const bot = await startBot({ data: manyGroups(50) });
        try {
            const results = await Promise.all(Array.from({ length: 50 }, (_, i) => bot.post({ ...submit(i, `Update from group ${i}.`), serviceUrl: connector.url })));
            const odd = results.filter((r) => !(r.status === 200 && (r.body as { type: string }).type === "application/vnd.microsoft.card.adaptive"));
            assert.deepEqual(odd.map((r) => JSON.stringify(r.body).slice(0, 300)), []);
            const set = updatesOf(bot.runtime.deps.store);
            for (let i = 0; i < 50; i++) {
                const doc = await set.get(`g${i}/2026-12`);
                assert.equal(doc?.versions[0]?.sections[0].text, `Update from group ${i}.`, `group ${i}`);
            }
        } finally {
            await bot.stop();
        }
    });

    it('killed (SIGKILL) in the middle of a burst of submissions: after a restart every acknowledged one is stored', async () => {
        const file = writeStoreFile(tmp.dir, manyGroups(40));
        const bot = await startBotProcess({ STORE_FILE: file });
        const acknowledged: number[] = [];
        let killed = false;
        const inflight = Array.from({ length: 40 }, async (_, i) => {
            await new Promise((r) => setTimeout(r, i * 15));
            if (killed) return;
            try {
                const res = await fetch(`${bot.url}/api/messages`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({ ...submit(i, `Burst update ${i}.`), serviceUrl: connector.url }),
                });
                const body = (await res.json()) as { type?: string };
                if (res.status === 200 && body.type === 'application/vnd.microsoft.card.adaptive') acknowledged.push(i);
            } catch {
                // the connection died with the bot: not acknowledged
            }
        });
        // Kill it part-way through the burst, with submissions still in flight.
        while (acknowledged.length < 8) await new Promise((r) => setTimeout(r, 2));
        killed = true;
        await bot.kill('SIGKILL');
        await Promise.all(inflight);
        assert.ok(acknowledged.length < 40, 'the kill came part-way through');

        // Restart on the same store: it opens (nothing torn), and every acknowledged update is there.
        const again = await startBotProcess({ STORE_FILE: file });
        try {
            const store = await openStore({ file });
            const set = updatesOf(store);
            for (const i of acknowledged) {
                const doc = await set.get(`g${i}/2026-12`);
                assert.equal(doc?.versions.at(-1)?.sections[0].text, `Burst update ${i}.`, `acknowledged update ${i} was lost`);
            }
            const all = await set.list();
            assert.ok(all.every((d) => d.data.versions.every((v) => v.kind === 'submitted')), 'every stored document is whole');
            // The restarted bot still takes submissions for the groups the kill interrupted.
            const missing = Array.from({ length: 40 }, (_, i) => i).filter((i) => !acknowledged.includes(i));
            for (const i of missing.slice(0, 3)) {
                const doc = await set.get(`g${i}/2026-12`);
                const res = await fetch(`${again.url}/api/messages`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({ ...cardAction(chair(i), VERBS.progressSubmit, { groupId: `g${i}`, period: '2026-12', basedOn: doc?.versions.length ?? 0, text_HW9: 'Sent again.' }), serviceUrl: connector.url }),
                });
                const body = (await res.json()) as { type: string; value: unknown };
                assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(body.value));
            }
            console.log(`      (${acknowledged.length} of 40 acknowledged before the kill; all stored)`);
        } finally {
            await again.kill();
        }
        assert.ok(path.isAbsolute(file));
    });
});
