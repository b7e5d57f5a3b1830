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
import { cardActions } from '../helpers/cards.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

/** A partnership of n groups, each with its own chair and one objective. */
function manyGroups(n: number): StoreData {
    const d = sampleData();
    for (let i = 0; i < n; i++) {
        d.groups.push({
            id: `g${i}`,
            name: `Group ${i}`,
            aliases: [],
            cadenceMonths: 6,
            nextUpdateDue: '2026-12-18',
            reports: true,
        });
        d.roster.push({
            groupId: `g${i}`,
            role: 'chair',
            name: `Chair ${i}`,
            email: `chair${i}@example.com`,
            aadObjectId: `aad-${i}`,
        });
    }
    d.objectives[0].contributions.push(
        ...Array.from({ length: n }, (_, i) => ({ groupId: `g${i}`, contribution: `Group ${i}'s part` })),
    );
    return d;
}

const chair = (i: number) => ({ id: `29:chair${i}`, name: `Chair ${i}`, aadObjectId: `aad-${i}` });
const submit = (i: number, text: string) =>
    cardAction(chair(i), VERBS.progressSubmit, {
        groupId: `g${i}`,
        period: '2026-12',
        basedOn: 0,
        text_HW9: text,
        rag_HW9: 'green',
    });

describe('faults', function () {
    this.timeout(150_000);
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
            const results = await Promise.all(
                Array.from({ length: 50 }, (_, i) =>
                    bot.post({ ...submit(i, `Update from group ${i}.`), serviceUrl: connector.url }),
                ),
            );
            const odd = results.filter(
                (r) =>
                    !(
                        r.status === 200 &&
                        (r.body as { type: string }).type === 'application/vnd.microsoft.card.adaptive'
                    ),
            );
            assert.deepEqual(
                odd.map((r) => JSON.stringify(r.body).slice(0, 300)),
                [],
            );
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
                assert.equal(
                    doc?.versions.at(-1)?.sections[0].text,
                    `Burst update ${i}.`,
                    `acknowledged update ${i} was lost`,
                );
            }
            const all = await set.list();
            assert.ok(
                all.every((d) => d.data.versions.every((v) => v.kind === 'submitted')),
                'every stored document is whole',
            );
            // The restarted bot still takes submissions for the groups the kill interrupted.
            const missing = Array.from({ length: 40 }, (_, i) => i).filter((i) => !acknowledged.includes(i));
            for (const i of missing.slice(0, 3)) {
                const doc = await set.get(`g${i}/2026-12`);
                const res = await fetch(`${again.url}/api/messages`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({
                        ...cardAction(chair(i), VERBS.progressSubmit, {
                            groupId: `g${i}`,
                            period: '2026-12',
                            basedOn: doc?.versions.length ?? 0,
                            text_HW9: 'Sent again.',
                        }),
                        serviceUrl: connector.url,
                    }),
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

    it('killed (SIGKILL) in the middle of a reminder run: after a restart nothing is sent twice and the run completes', async () => {
        // 20 chairs, each of a group whose update was due yesterday, each with a saved chat.
        const d = manyGroups(20);
        const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
        for (const g of d.groups) if (g.nextUpdateDue) g.nextUpdateDue = /^g\d/.test(g.id) ? yesterday : '2031-01-15';
        for (let i = 0; i < 20; i++) {
            d.conversations.push({
                key: `user:29:chair${i}`,
                scope: 'personal',
                aadObjectId: `aad-${i}`,
                userId: `29:chair${i}`,
                reference: {
                    serviceUrl: connector.url,
                    channelId: 'msteams',
                    conversation: { id: `a:chair${i}` },
                    bot: { id: '28:bot', name: 'bot' },
                },
                installed: true,
                updatedAt: '2026-11-01T00:00:00.000Z',
            });
        }
        const file = writeStoreFile(tmp.dir, d);
        const env = {
            STORE_FILE: file,
            NOTIFY_TOKEN: 'kill-test-token',
            SEND_RATE_PER_SECOND: '20',
            SEND_MAX_IN_FLIGHT: '3',
        };
        const trigger = (url: string) =>
            fetch(`${url}/api/notify`, { method: 'POST', headers: { authorization: 'Bearer kill-test-token' } });
        connector.delay = (c) => (c.kind === 'reply' || c.kind === 'send' ? 150 : 0); // a slow connector: the run takes a while
        const cardsReceived = () =>
            connector.received.filter(
                (c) => (c.kind === 'reply' || c.kind === 'send') && c.conversationId?.startsWith('a:chair'),
            );

        const bot = await startBotProcess(env);
        trigger(bot.url).catch(() => undefined); // the answer never comes: the bot is killed mid-run
        while (cardsReceived().length < 6) await new Promise((r) => setTimeout(r, 5));
        await bot.kill('SIGKILL');
        const beforeRestart = cardsReceived().length;
        assert.ok(beforeRestart < 20, 'the kill came part-way through the run');

        const again = await startBotProcess(env);
        try {
            const report = (await (await trigger(again.url)).json()) as {
                messages: { email: string; outcome: string }[];
            };
            const perChair = new Map<string, number>();
            for (const c of cardsReceived())
                perChair.set(c.conversationId!, (perChair.get(c.conversationId!) ?? 0) + 1);
            assert.ok(
                [...perChair.values()].every((n) => n === 1),
                `a chair got two cards: ${JSON.stringify([...perChair])}`,
            );
            // Every chair was reached, except any whose send was cut off by the kill: those are claimed
            // (never sent twice) and reported as unconfirmed once their lease runs out.
            const store = await openStore({ file });
            const { DeliveryLedger } = await import('../../src/notify/ledger.js');
            const records = await new DeliveryLedger(store).records();
            const chairs = new Set(records.filter((r) => r.groupId.startsWith('g')).map((r) => r.recipient));
            assert.equal(chairs.size, 20, 'every chair has a ledger entry');
            const notSent = records.filter((r) => r.groupId.startsWith('g') && !r.outcome).map((r) => r.recipient);
            // The sender holds at most SEND_MAX_IN_FLIGHT jobs between claim and recorded outcome, so
            // that is exactly the most the kill can leave unconfirmed, however slow the machine.
            const inFlight = Number(env.SEND_MAX_IN_FLIGHT);
            assert.ok(
                new Set(notSent).size <= inFlight,
                `at most the ${inFlight} sends in flight at the kill are unconfirmed (${new Set(notSent).size})`,
            );
            assert.equal(
                perChair.size +
                    new Set(notSent.filter((e) => !perChair.has(`a:${e.replace('@example.com', '')}`))).size >=
                    20,
                true,
            );
            console.log(
                `      (${beforeRestart} cards before the kill, ${report.messages.length} chairs in the resumed run, ${new Set(notSent).size} unconfirmed)`,
            );
        } finally {
            await again.kill();
            connector.delay = undefined;
        }
    });

    it('the command line importing while the bot writes: every write stored or refused clearly, none lost', async () => {
        const { runCli } = await import('../../src/cli.js');
        const bot = await startBot({ data: sampleData() });
        const csv = path.join(tmp.dir, 'roster.csv');
        const fsm = await import('node:fs');
        fsm.writeFileSync(
            csv,
            'group_id,role,name,email,aad_object_id\n,manager,Morgan Ellis,morgan.ellis@example.com,11111111-1111-4111-8111-111111111111\nasset-management,chair,Priya Shah,priya.shah@example.com,22222222-2222-4222-8222-222222222222\nkhog,chair,New Chair,new.chair@example.com,\n',
        );
        try {
            const manager = {
                id: '29:manager',
                name: 'Morgan Ellis',
                aadObjectId: '11111111-1111-4111-8111-111111111111',
            };
            const notes = Array.from({ length: 15 }, (_, i) => `Concurrent note ${i}`);
            const out: string[] = [];
            // Each note is previewed first (that stores nothing); their Confirms race the import.
            const confirms: Record<string, unknown>[] = [];
            for (const note of notes) {
                const preview = await bot.post(
                    cardAction(
                        manager,
                        VERBS.registerAddNote,
                        { id: 'reciprocal-scheme', note },
                        { serviceUrl: connector.url },
                    ),
                );
                const confirm = cardActions((preview.body as { value: unknown }).value).find(
                    (a) => a.verb === VERBS.manageConfirm,
                );
                assert.ok(confirm, JSON.stringify(preview.body).slice(0, 300));
                confirms.push(confirm.data);
            }
            const [answers, code] = await Promise.all([
                Promise.all(
                    confirms.map((data) =>
                        bot.post(cardAction(manager, VERBS.manageConfirm, data, { serviceUrl: connector.url })),
                    ),
                ),
                runCli(['--store', bot.storeFile, 'import', 'roster', csv], {
                    out: (l) => out.push(l),
                    err: (l) => out.push(l),
                }),
            ]);
            assert.equal(code, 0, out.join('\n'));
            const stored = await openStore({ file: bot.storeFile });
            const data = stored.read();
            assert.ok(
                data.roster.some((e) => e.email === 'new.chair@example.com'),
                'the import is stored',
            );
            const history = data.protocols.find((p) => p.id === 'reciprocal-scheme')!.history.map((h) => h.note);
            answers.forEach((a, i) => {
                const value = JSON.stringify((a.body as { value: unknown }).value);
                if (history.includes(notes[i])) return; // stored
                assert.match(
                    value,
                    /try again|being written by another process/,
                    `note ${i} was neither stored nor refused clearly: ${value}`,
                );
            });
            assert.ok(notes.filter((n) => history.includes(n)).length >= 1);
        } finally {
            await bot.stop();
        }
    });
});
