/**
 * Two instances on Azure Blob Storage (Azurite, started here) beside one on the file store, in the same
 * run: the same questions and submissions, each turn sent to the instances in turn, as p99 ratios; and
 * the reminder fan-out triggered on both instances at once, against the ideal at Teams' ceiling.
 */
import { performance } from 'node:perf_hooks';
import type { Activity } from 'botbuilder';
import { VERBS } from '../../src/bot/verbs.js';
import type { StoreData } from '../../src/domain/model.js';
import { cardAction, message, type Sender } from '../../test/helpers/activities.js';
import { startAzurite } from '../../test/helpers/azurite.js';
import { startBot, type BotUnderTest } from '../../test/helpers/botServer.js';
import { FakeConnector } from '../../test/helpers/fakeConnector.js';
import { tempDir, writeStoreFile } from '../../test/helpers/fixtures.js';
import { personId, scaleData, withChairChats } from '../../test/helpers/scale.js';
import { enforceTeamsLimits } from '../../test/helpers/teamsLimits.js';
import { latency, ms, type Latency, type Row } from './stats.js';

const person = (n: number): Sender => ({ id: `29:${personId(n)}`, name: `Person ${n}`, aadObjectId: personId(n) });

async function post(url: string, activity: Partial<Activity>, check?: (body: string) => void): Promise<number> {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
    });
    const body = await res.text();
    const took = performance.now() - t0;
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`);
    check?.(body);
    return took;
}

/** `turns` sequential turns, turn i to `urls[i % urls.length]`, after a warm-up on each. */
async function measureAcross(
    urls: string[],
    turns: number,
    warmUp: number,
    make: (i: number) => Partial<Activity>,
    check?: (body: string) => void,
): Promise<Latency> {
    for (let i = 0; i < warmUp; i++) await post(urls[i % urls.length], make(i), check);
    const samples: number[] = [];
    for (let i = warmUp; i < warmUp + turns; i++) samples.push(await post(urls[i % urls.length], make(i), check));
    return latency(samples);
}

export interface InstancesOptions {
    questions: number;
    submissions: number;
    warmUp: number;
    fanOut: number;
    ceiling: number;
    clock: () => Date;
    log: (s: string) => void;
}

/** Runs the section; pushes its rows and returns its figures. */
export async function benchInstances(o: InstancesOptions, rows: Row[]): Promise<Record<string, unknown>> {
    const azurite = await startAzurite();
    const tmp = tempDir('khg-bench-');
    const figures: Record<string, unknown> = {};
    const x = (r: number) => `${r.toFixed(2)}x`;
    try {
        const data = scaleData({ documents: 22, groups: 200, people: 1000, objectives: 200 });
        const connector = await new FakeConnector().start();
        const seeded = withChairChats(data, connector.url);
        const onAzure = async (container: string, d: StoreData): Promise<BotUnderTest> =>
            startBot({
                clock: o.clock,
                env: {
                    ...azurite.env(container),
                    SEED_FILE: writeStoreFile(tmp.dir, d, `${container}.seed.json`),
                    DEMO_FILE: '',
                    SEND_RATE_PER_SECOND: String(o.ceiling),
                },
            });
        const file = await startBot({ data: seeded, clock: o.clock });
        const container = azurite.container();
        const a = await onAzure(container, seeded);
        const b = await onAzure(container, seeded);
        try {
            const ask = (i: number) =>
                i % 2
                    ? message(person(41 + (i % 50)), 'which protocols are due for review', {
                          serviceUrl: connector.url,
                      })
                    : message(person(1 + 2 * (i % 200)), "what's my group's next update", {
                          serviceUrl: connector.url,
                      });
            const reset = () => connector.reset();
            o.log('two instances: questions on one file store, then on two instances on Azurite...');
            const qFile = await measureAcross([file.url], o.questions, o.warmUp, ask, reset);
            const qTwo = await measureAcross([a.url, b.url], o.questions, o.warmUp, ask, reset);
            const refsOf = (g: string) =>
                data.objectives.filter((ob) => ob.contributions.some((k) => k.groupId === g)).map((ob) => ob.ref);
            // Each group's update goes to the next version in turn; consecutive versions of a group go
            // to different instances, so each is based on what the other instance stored.
            const submit = (period: string) => (i: number) => {
                const g = data.groups[i % 200].id;
                const fields = Object.fromEntries(
                    refsOf(g).flatMap((r) => [
                        [`text_${r}`, `Progress on ${r}, turn ${i}.`],
                        [`rag_${r}`, 'green'],
                    ]),
                );
                return cardAction(
                    person(1 + 2 * (i % 200)),
                    VERBS.progressSubmit,
                    { groupId: g, period, basedOn: Math.floor(i / 200), otherMatters: 'None.', ...fields },
                    { serviceUrl: connector.url, replyToId: `card-${i}` },
                );
            };
            const submitted = (body: string) => {
                if (!body.includes('Submitted by')) throw new Error(`submit answered ${body.slice(0, 300)}`);
                connector.reset();
            };
            o.log('two instances: submissions on one file store, then on two instances on Azurite...');
            const sFile = await measureAcross([file.url], o.submissions, 0, submit('2027-06'), submitted);
            const sTwo = await measureAcross([a.url, b.url], o.submissions, 0, submit('2027-06'), submitted);
            figures.questions = { file: qFile, twoOnAzurite: qTwo, ratio: qTwo.p99 / qFile.p99 };
            figures.submissions = { file: sFile, twoOnAzurite: sTwo, ratio: sTwo.p99 / sFile.p99 };
            rows.push({
                figure: 'questions: two instances on Azurite / one on the file store',
                value: `p99 ${ms(qTwo.p99)} / ${ms(qFile.p99)}`,
                ratio: x(qTwo.p99 / qFile.p99),
                goal: '(reported)',
                met: undefined,
            });
            rows.push({
                figure: 'submissions: two instances on Azurite / one on the file store',
                value: `p99 ${ms(sTwo.p99)} / ${ms(sFile.p99)}`,
                ratio: x(sTwo.p99 / sFile.p99),
                goal: '(reported)',
                met: undefined,
            });
        } finally {
            await Promise.all([a.stop(), b.stop(), file.stop()]);
            await connector.stop();
        }

        // The fan-out, triggered on both instances at once over one connector at Teams' ceiling.
        o.log(`two instances: fan-out to ${o.fanOut} chairs triggered on both...`);
        const fc = await new FakeConnector().start();
        const fanData = withChairChats(
            scaleData({ documents: 22, groups: o.fanOut, people: o.fanOut * 2 + 1, objectives: 50 }),
            fc.url,
        );
        const fanContainer = azurite.container();
        const one = await onAzure(fanContainer, fanData);
        const two = await onAzure(fanContainer, fanData);
        try {
            enforceTeamsLimits(fc, { appPerSecond: o.ceiling, random429: 0.05, random503: 0.01, seed: 2026 });
            const t0 = performance.now();
            await Promise.all([one.runtime.runReminders(), two.runtime.runReminders()]);
            const seconds = (performance.now() - t0) / 1000;
            const delivered = new Map<string, number>();
            for (const call of fc.calls)
                if ((call.kind === 'send' || call.kind === 'reply') && call.status < 300)
                    delivered.set(call.conversationId!, (delivered.get(call.conversationId!) ?? 0) + 1);
            const chairs = fanData.roster.filter((e) => e.role === 'chair').map((e) => `a:${e.aadObjectId}`);
            const missing = chairs.filter((id) => !delivered.has(id)).length;
            const duplicated = [...delivered.values()].filter((n) => n > 1).length;
            const ideal = o.fanOut / o.ceiling;
            figures.fanOut = { seconds, idealSeconds: ideal, ratio: seconds / ideal, missing, duplicated };
            rows.push({
                figure: `fan-out to ${o.fanOut.toLocaleString('en-GB')} chairs, two instances on Azurite`,
                value: `${seconds.toFixed(1)} s`,
                ratio: `${(seconds / ideal).toFixed(3)}x ideal (${ideal.toFixed(0)} s)`,
                goal: '<= 1.1x',
                met: seconds / ideal <= 1.1,
            });
            rows.push({
                figure: 'fan-out over two instances: cards per chair',
                value: `${chairs.length - missing} of ${chairs.length} reached, ${missing} lost, ${duplicated} duplicated`,
                goal: 'exactly one each',
                met: missing === 0 && duplicated === 0,
            });
        } finally {
            await Promise.all([one.stop(), two.stop()]);
            await fc.stop();
        }
    } finally {
        await azurite.stop();
        tmp.cleanup();
    }
    return figures;
}
