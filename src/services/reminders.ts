/**
 * A reminder run: plan who is due a reminder, then for each person claim the reminders in the ledger,
 * reach them, send one card, and record the outcome. Runs from the in-process scheduler and from
 * `POST /api/notify`; runs in one process never overlap, and the ledger keeps runs in different
 * processes from sending anything twice.
 */
import { randomUUID } from 'node:crypto';
import type { Group, StoreData } from '../domain/model.js';
import { planRun, type OpenPeriod, type PlannedItem, type PlannedMessage } from '../domain/reminderPlan.js';
import type { ReminderPolicy } from '../domain/reminders.js';
import { cardMessage } from '../cards/render.js';
import { createManagerReport, createReminderCard, type ReminderExtras } from '../cards/reminders.js';
import type { Outcome } from '../notify/faults.js';
import { DeliveryLedger, deliveryId, type DeliveryRecord, type Identity } from '../notify/ledger.js';
import { reachPerson, type TeamMembersCache } from '../notify/recipients.js';
import type { ProactiveSender, SendJob } from '../notify/sender.js';
import type { Transport } from '../notify/transport.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';

export interface ReminderDeps {
    store: Store;
    transport: Transport;
    sender: ProactiveSender;
    log: Logger;
    policy: ReminderPolicy;
    /** The schedule's answer for a group: the period it is reporting for now, and whether it is submitted. */
    openPeriod: (group: Group, data: StoreData, now: Date) => Promise<OpenPeriod | undefined>;
    /** Extra lines for a chair's card: their groups' documents due for review. */
    extras?: (recipientEmail: string, now: Date) => ReminderExtras | undefined;
    /** How often a person's reminder carries those documents, in days (0: never). */
    protocolsEveryDays?: number;
    /** How long a claim may go without an outcome before it is taken as abandoned by a crash. */
    leaseMs?: number;
}

export interface RunMessage {
    recipient: string;
    email: string;
    as: PlannedItem['as'][];
    groups: string[];
    steps: string[];
    outcome?: Outcome;
    reason?: string;
}

export interface RunReport {
    runId: string;
    at: string;
    dryRun: boolean;
    messages: RunMessage[];
    /** Claims left by an earlier run that stopped mid-send, now recorded as unconfirmed. */
    unconfirmed: number;
}

const UNREACHABLE: Outcome[] = ['blocked', 'notFound', 'notInstalled', 'failed'];

function identitiesOf(message: PlannedMessage): Identity[] {
    return message.items.flatMap((item) =>
        item.steps.map((s) => ({
            groupId: item.groupId,
            period: item.period,
            step: s.name,
            recipient: message.recipient.email,
            as: item.as,
        })),
    );
}

/** Serialises runs within this process: a second trigger waits for the first, then finds nothing new. */
let running: Promise<unknown> = Promise.resolve();

export function runReminders(deps: ReminderDeps, now: Date, options: { dryRun?: boolean } = {}): Promise<RunReport> {
    const run = running.then(() => runOnce(deps, now, options.dryRun ?? false));
    running = run.catch(() => undefined);
    return run;
}

async function runOnce(deps: ReminderDeps, now: Date, dryRun: boolean): Promise<RunReport> {
    const runId = randomUUID();
    const ledger = new DeliveryLedger(deps.store);
    const unconfirmed = dryRun ? [] : await ledger.settleAbandoned(now, deps.leaseMs ?? 15 * 60_000);
    const data = deps.store.read();
    const periods = new Map<string, OpenPeriod | undefined>();
    for (const g of data.groups) if (g.reports) periods.set(g.id, await deps.openPeriod(g, data, now));
    const snoozes = data.snoozes ?? [];
    const plan = planRun(data, (g) => periods.get(g.id), snoozes, deps.policy, now);
    const known = new Set((await ledger.records()).map((r) => r.id));
    const pending = plan
        .map((m) => ({ ...m, identities: identitiesOf(m).filter((i) => !known.has(deliveryId(i))) }))
        .filter((m) => m.identities.length > 0);

    const report: RunReport = { runId, at: now.toISOString(), dryRun, messages: [], unconfirmed: unconfirmed.length };
    if (dryRun) {
        report.messages = pending.map((m) => describe(m, m.identities));
        return report;
    }

    const teams: TeamMembersCache = new Map();
    const results = await Promise.all(pending.map((m) => deliver(deps, ledger, m, runId, now, teams)));
    report.messages = results.flat();

    // A chair who could not be reached: the vice-chair gets the reminder instead, once.
    const fallbacks: PlannedMessage[] = [];
    for (const r of results.flat()) {
        if (!r.outcome || !UNREACHABLE.includes(r.outcome) || !r.as.includes('chair')) continue;
        const m = pending.find((p) => p.recipient.email === r.email)!;
        for (const item of m.items.filter((i) => i.as === 'chair')) {
            const vice = data.roster.find((e) => e.groupId === item.groupId && e.role === 'vice_chair');
            if (!vice) continue;
            let f = fallbacks.find((x) => x.recipient.email === vice.email);
            if (!f)
                fallbacks.push(
                    (f = {
                        recipient: { name: vice.name, email: vice.email, aadObjectId: vice.aadObjectId },
                        items: [],
                    }),
                );
            f.items.push({ ...item, as: 'vice_chair' });
        }
    }
    for (const f of fallbacks) {
        const ids = identitiesOf(f).filter((i) => !known.has(deliveryId(i)));
        if (ids.length)
            report.messages.push(...(await deliver(deps, ledger, { ...f, identities: ids }, runId, now, teams)));
    }

    await tellManager(deps, ledger, report, unconfirmed, runId, now, teams);
    deps.log.info(
        { runId, messages: report.messages.length, unconfirmed: unconfirmed.length },
        'reminder run finished',
    );
    return report;
}

/**
 * "Remind the missing groups now": a reminder outside the schedule to the chair of each group named,
 * once per group and day (the ledger's identity uses the day), one message per person.
 */
export async function remindNow(
    deps: ReminderDeps,
    items: { groupId: string; period: string; due: string }[],
    now: Date,
): Promise<RunReport> {
    const run = running.then(async () => {
        const runId = randomUUID();
        const ledger = new DeliveryLedger(deps.store);
        const data = deps.store.read();
        const day = now.toISOString().slice(0, 10);
        const messages = new Map<string, PlannedMessage>();
        for (const item of items) {
            const chair =
                data.roster.find((e) => e.groupId === item.groupId && e.role === 'chair') ??
                data.roster.find((e) => e.groupId === item.groupId && e.role === 'vice_chair');
            if (!chair) continue;
            const key = chair.email.toLowerCase();
            const m = messages.get(key) ?? {
                recipient: { name: chair.name, email: chair.email, aadObjectId: chair.aadObjectId },
                items: [],
            };
            const late = item.due < day;
            m.items.push({
                ...item,
                as: chair.role === 'chair' ? 'chair' : 'vice_chair',
                steps: [{ name: `manual-${day}`, kind: late ? 'chase' : 'reminder', sendAt: now }],
            });
            messages.set(key, m);
        }
        const teams: TeamMembersCache = new Map();
        const results = await Promise.all(
            [...messages.values()].map((m) =>
                deliver(deps, ledger, { ...m, identities: identitiesOf(m) }, runId, now, teams),
            ),
        );
        return {
            runId,
            at: now.toISOString(),
            dryRun: false,
            messages: results.flat(),
            unconfirmed: 0,
        } satisfies RunReport;
    });
    running = run.catch(() => undefined);
    return run;
}

function describe(m: PlannedMessage, identities: Identity[], outcome?: Outcome, reason?: string): RunMessage {
    return {
        recipient: m.recipient.name,
        email: m.recipient.email,
        as: [...new Set(identities.map((i) => i.as))],
        groups: [...new Set(identities.map((i) => i.groupId))],
        steps: [...new Set(identities.map((i) => i.step))],
        outcome,
        reason,
    };
}

async function deliver(
    deps: ReminderDeps,
    ledger: DeliveryLedger,
    message: PlannedMessage & { identities: Identity[] },
    runId: string,
    now: Date,
    teams: TeamMembersCache,
): Promise<RunMessage[]> {
    const email = message.recipient.email;
    try {
        const reach = await reachPerson(deps.store, deps.transport, message.recipient, () => now, teams).catch(
            (err: unknown) => ({
                reachable: false as const,
                reason: `could not look them up: ${(err as Error).message}`,
            }),
        );
        if (!reach.reachable) {
            const settled = await ledger.settle(
                email,
                message.identities,
                runId,
                { outcome: 'notInstalled', attempts: 0, reason: reach.reason },
                now,
            );
            if (settled.length === 0) return [];
            return [describe(message, settled, 'notInstalled', reach.reason)];
        }
        let claimed: Identity[] = [];
        let extras: { extras: ReminderExtras; identity: Identity } | undefined;
        // The outcome is recorded before the send gives up its place in flight (see maxInFlight).
        const result = await deps.sender.sendOne(
            {
                id: `${runId}:${email}`,
                reference: reach.reference,
                // Claimed in the send's own paced slot: a crash leaves at most the sends then in flight claimed.
                prepare: async () => {
                    claimed = await ledger.claim(email, message.identities, runId, now);
                    if (claimed.length === 0) return undefined;
                    const items = message.items
                        .map((i) => ({
                            ...i,
                            steps: i.steps.filter((s) =>
                                claimed.some((c) => c.groupId === i.groupId && c.step === s.name),
                            ),
                        }))
                        .filter((i) => i.steps.length > 0);
                    const data = deps.store.read();
                    const toManager = items.every((i) => i.as === 'manager');
                    // The chair's documents due for review ride along, at most once per cadence.
                    extras = toManager ? undefined : await extrasOnCadence(deps, ledger, email, runId, now);
                    const card = toManager
                        ? createManagerReport(data, { late: items, unreachable: [] }, now, deps.policy.zone)
                        : createReminderCard(data, message.recipient, items, now, deps.policy.zone, extras?.extras);
                    return cardMessage(card);
                },
            },
            async (report) => {
                if (report.outcome === 'skipped') return;
                const carried = [...claimed, ...(extras ? [extras.identity] : [])];
                await ledger.finish(email, carried, { ...report, outcome: report.outcome }, now);
            },
        );
        if (result.outcome === 'skipped') return [];
        if (result.outcome === 'blocked' || result.outcome === 'notFound')
            await forgetConversation(deps.store, reach.reference, now);
        return [describe(message, claimed, result.outcome, result.reason)];
    } catch (err) {
        deps.log.error({ err: (err as Error).message, runId }, 'reminder delivery failed');
        return [describe(message, message.identities, 'failed', (err as Error).message)];
    }
}

/** The documents due for a person's groups, if they have not been sent them within the cadence. */
async function extrasOnCadence(
    deps: ReminderDeps,
    ledger: DeliveryLedger,
    email: string,
    runId: string,
    now: Date,
): Promise<{ extras: ReminderExtras; identity: Identity } | undefined> {
    const every = deps.protocolsEveryDays ?? 0;
    const extras = every > 0 ? deps.extras?.(email, now) : undefined;
    if (!extras || extras.protocols.length === 0) return undefined;
    const bucket = Math.floor(now.getTime() / (every * 86_400_000));
    const identity: Identity = {
        groupId: 'register',
        period: 'protocols',
        step: `every-${every}-days-${bucket}`,
        recipient: email,
        as: 'chair',
    };
    const claimed = await ledger.claim(email, [identity], runId, now);
    return claimed.length ? { extras, identity } : undefined;
}

/** A conversation Teams says is blocked or gone is marked so, so it is not tried first again. */
async function forgetConversation(store: Store, reference: SendJob['reference'], now: Date): Promise<void> {
    const id = reference.conversation?.id;
    await store.transact((d) => {
        for (const c of d.conversations) {
            if ((c.reference as { conversation?: { id?: string } }).conversation?.id === id && c.installed) {
                c.installed = false;
                c.updatedAt = now.toISOString();
            }
        }
    });
}

/** After a run: the partnership manager hears who could not be reached (once per reminder). */
async function tellManager(
    deps: ReminderDeps,
    ledger: DeliveryLedger,
    report: RunReport,
    unconfirmed: DeliveryRecord[],
    runId: string,
    now: Date,
    teams: TeamMembersCache,
) {
    const failed = report.messages.filter(
        (m) => m.outcome && UNREACHABLE.includes(m.outcome) && !m.as.includes('manager'),
    );
    if (failed.length === 0 && unconfirmed.length === 0) return;
    const data = deps.store.read();
    const unreachable = [
        ...failed.map((m) => ({
            name: m.recipient,
            detail: `${outcomeText(m.outcome!)}${m.reason ? ` (${m.reason})` : ''}; groups: ${groupNames(data, m.groups)}`,
        })),
        ...unconfirmed.map((r) => ({
            name: r.recipient,
            detail: `a reminder for ${groupNames(data, [r.groupId])} may not have arrived (the bot stopped while sending)`,
        })),
    ];
    for (const manager of data.roster.filter((e) => e.role === 'manager')) {
        const ids: Identity[] = [
            ...failed.flatMap((m) => m.groups.map((g) => ({ g, m }))),
            ...unconfirmed.map((r) => ({ g: r.groupId, m: { email: r.recipient } })),
        ].map(({ g, m }) => ({
            groupId: g,
            period: 'report',
            step: `unreachable:${m.email.toLowerCase()}:${runId}`,
            recipient: manager.email,
            as: 'manager' as const,
        }));
        const reach = await reachPerson(deps.store, deps.transport, manager, () => now, teams).catch(() => ({
            reachable: false as const,
            reason: 'look-up failed',
        }));
        if (!reach.reachable) {
            const settled = await ledger.settle(
                manager.email,
                ids,
                runId,
                { outcome: 'notInstalled', attempts: 0, reason: reach.reason },
                now,
            );
            if (settled.length > 0) deps.log.warn({ runId }, 'the partnership manager cannot be reached either');
            continue;
        }
        let claimed: Identity[] = [];
        await deps.sender.sendOne(
            {
                id: `${runId}:report:${manager.email}`,
                reference: reach.reference,
                prepare: async () => {
                    claimed = await ledger.claim(manager.email, ids, runId, now);
                    if (claimed.length === 0) return undefined;
                    const card = createManagerReport(data, { late: [], unreachable }, now, deps.policy.zone);
                    return cardMessage(card);
                },
            },
            async (result) => {
                if (result.outcome !== 'skipped')
                    await ledger.finish(manager.email, claimed, { ...result, outcome: result.outcome }, now);
            },
        );
    }
}

export function outcomeText(o: Outcome): string {
    switch (o) {
        case 'sent':
            return 'reached';
        case 'throttled then sent':
            return 'reached (after Teams asked the bot to slow down)';
        case 'blocked':
            return 'has blocked or removed the bot';
        case 'notFound':
            return 'their chat with the bot no longer exists';
        case 'notInstalled':
            return 'has not installed the bot and is in none of its teams';
        case 'failed':
            return 'could not be reached';
        case 'unconfirmed':
            return 'may not have been reached';
    }
}

function groupNames(data: Pick<StoreData, 'groups'>, ids: string[]): string {
    return ids.map((id) => data.groups.find((g) => g.id === id)?.name ?? id).join(', ');
}
