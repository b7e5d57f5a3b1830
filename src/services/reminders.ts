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
import { cardMessage, type AdaptiveCardJson } from '../cards/render.js';
import { createManagerReport, createReminderCard, type ReminderExtras } from '../cards/reminders.js';
import type { Outcome } from '../notify/faults.js';
import { DeliveryLedger, deliveryId, type DeliveryRecord, type Identity } from '../notify/ledger.js';
import { reachPerson, reopenChat, type TeamMembersCache } from '../notify/recipients.js';
import type { ProactiveSender, SendJob, SendReport } from '../notify/sender.js';
import type { Transport } from '../notify/transport.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';

export interface ReminderDeps {
    store: Store;
    transport: Transport;
    sender: ProactiveSender;
    log: Logger;
    policy: ReminderPolicy;
    /**
     * The schedule's answer for each of the groups, by group id: the period it is reporting for now,
     * and whether it is submitted (undefined for a group that does not report). One call per run, so
     * the store is read once for all the groups.
     */
    openPeriods: (groups: Group[], data: StoreData, now: Date) => Promise<Map<string, OpenPeriod | undefined>>;
    /** Extra lines for a chair's card: their groups' documents due for review. */
    extras?: (recipientEmail: string, now: Date) => ReminderExtras | undefined;
    /** How often a person's reminder carries those documents, in days (0: never). */
    protocolsEveryDays?: number;
    /** The next Board meeting's paper deadline (YYYY-MM-DD), when one is recorded: reminders are also planned back from it. */
    paperDeadline?: (data: StoreData, now: Date) => string | undefined;
    /** How long a claim may go without an outcome before it is taken as abandoned by a crash. */
    leaseMs?: number;
}

/**
 * What became of one person's message in a run: who (name, e-mail, role), for which groups, the
 * outcome, the reason in words when it was not delivered, and which fallbacks were used (a fresh chat
 * after the saved one failed, the vice-chair standing in for a chair not reached).
 */
export interface RunMessage {
    /** The person's name, from the roster. */
    recipient: string;
    email: string;
    /** Why they got it: as chair, as vice-chair (standing in or the only one), as manager. */
    as: PlannedItem['as'][];
    /** Group ids, and their names in the same order. */
    groups: string[];
    groupNames: string[];
    steps: string[];
    /** Undefined only in a dry run. */
    outcome?: Outcome;
    /** Why it was not delivered (with Teams' error code when there was one). */
    reason?: string;
    /**
     * How the message went, or was last tried: the person's saved chat, a chat opened through a team
     * (they never chatted with the bot), or a fresh chat opened after the saved one failed.
     */
    via?: Via;
    /** The saved chat failed as stale (404, or a 403 that is not a block) and a fresh chat was tried. */
    freshChat?: { after: string; opened: boolean; reason?: string };
    /** A vice-chair's message sent because the chair was not reached: the chair's name. */
    standingInFor?: string;
    /**
     * A chair not reached: for each of their groups with a vice-chair, the vice-chair its reminder went to
     * instead, and what became of it.
     */
    viceChairs?: { groupId: string; name: string; email: string; outcome?: Outcome; reason?: string }[];
}

export type Via = 'chat' | 'team' | 'fresh chat';

/** True when the message reached the person. */
export const delivered = (m: Pick<RunMessage, 'outcome'>) =>
    m.outcome === 'sent' || m.outcome === 'throttled then sent';

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
    const periods = await deps.openPeriods(
        data.groups.filter((g) => g.reports),
        data,
        now,
    );
    const snoozes = data.snoozes ?? [];
    const plan = planRun(data, (g) => periods.get(g.id), snoozes, deps.policy, now, deps.paperDeadline?.(data, now));
    const known = new Set((await ledger.records()).map((r) => r.id));
    const pending = plan
        .map((m) => ({ ...m, identities: identitiesOf(m).filter((i) => !known.has(deliveryId(i))) }))
        .filter((m) => m.identities.length > 0);

    const report: RunReport = { runId, at: now.toISOString(), dryRun, messages: [], unconfirmed: unconfirmed.length };
    if (dryRun) {
        report.messages = pending.map((m) => describe(data, m, m.identities));
        return report;
    }

    const teams: TeamMembersCache = new Map();
    report.messages = await deliverAll(deps, ledger, pending, known, runId, now, teams);

    await tellManager(deps, ledger, report, unconfirmed, runId, now, teams);
    deps.log.info(
        { runId, messages: report.messages.length, unconfirmed: unconfirmed.length },
        'reminder run finished',
    );
    return report;
}

/**
 * "Remind the missing groups now": a reminder outside the schedule to the chair of each group named,
 * once per group and day (the ledger's identity uses the day), one message per person. Delivered as
 * the scheduled run delivers: a fresh chat for a stale one, then the vice-chair for a chair not reached.
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
        const known = new Set((await ledger.records()).map((r) => r.id));
        const pending = [...messages.values()].map((m) => ({ ...m, identities: identitiesOf(m) }));
        return {
            runId,
            at: now.toISOString(),
            dryRun: false,
            messages: await deliverAll(deps, ledger, pending, known, runId, now, teams),
            unconfirmed: 0,
        } satisfies RunReport;
    });
    running = run.catch(() => undefined);
    return run;
}

function describe(
    data: Pick<StoreData, 'groups'>,
    m: PlannedMessage,
    identities: Identity[],
    outcome?: Outcome,
    more: Partial<RunMessage> = {},
): RunMessage {
    const groups = [...new Set(identities.map((i) => i.groupId))];
    return {
        recipient: m.recipient.name,
        email: m.recipient.email,
        as: [...new Set(identities.map((i) => i.as))],
        groups,
        groupNames: groups.map((id) => data.groups.find((g) => g.id === id)?.name ?? id),
        steps: [...new Set(identities.map((i) => i.step))],
        outcome,
        ...more,
    };
}

type Pending = PlannedMessage & {
    identities: Identity[];
    standingInFor?: string;
    /** A card other than a reminder (a relevance round's card), built when the send is claimed. */
    card?: () => AdaptiveCardJson;
};

/**
 * Sends cards other than reminders (a relevance round's cards and chases) through the reminders'
 * delivery: claimed in the ledger first (each identity exactly once), a fresh chat for a stale one,
 * the vice-chair for a chair not reached, and the same named outcomes in the run report.
 */
export async function deliverCards(
    deps: ReminderDeps,
    items: {
        recipient: PlannedMessage['recipient'];
        groupId: string;
        period: string;
        step: string;
        card: () => AdaptiveCardJson;
    }[],
    now: Date,
): Promise<RunReport> {
    const run = running.then(async () => {
        const runId = randomUUID();
        const ledger = new DeliveryLedger(deps.store);
        const known = new Set((await ledger.records()).map((r) => r.id));
        const pending: Pending[] = items
            .map((i) => {
                const message: PlannedMessage = {
                    recipient: i.recipient,
                    items: [
                        {
                            groupId: i.groupId,
                            period: i.period,
                            due: now.toISOString().slice(0, 10),
                            as: 'chair',
                            steps: [{ name: i.step, kind: 'reminder', sendAt: now }],
                        },
                    ],
                };
                return { ...message, card: i.card, identities: identitiesOf(message) };
            })
            .map((m) => ({ ...m, identities: m.identities.filter((i) => !known.has(deliveryId(i))) }))
            .filter((m) => m.identities.length > 0);
        const teams: TeamMembersCache = new Map();
        return {
            runId,
            at: now.toISOString(),
            dryRun: false,
            messages: await deliverAll(deps, ledger, pending, known, runId, now, teams),
            unconfirmed: 0,
        } satisfies RunReport;
    });
    running = run.catch(() => undefined);
    return run;
}

/**
 * Delivers each message, then, for each chair not reached, the same reminder to the group's
 * vice-chair (once: the ledger holds the vice-chair's own identities). Both the scheduled run and
 * "remind the missing groups now" deliver through here.
 */
async function deliverAll(
    deps: ReminderDeps,
    ledger: DeliveryLedger,
    pending: Pending[],
    known: Set<string>,
    runId: string,
    now: Date,
    teams: TeamMembersCache,
): Promise<RunMessage[]> {
    const data = deps.store.read();
    const messages = (await Promise.all(pending.map((m) => deliver(deps, ledger, m, runId, now, teams)))).flat();

    const fallbacks: Pending[] = [];
    const standIns = new Map<RunMessage, { groupId: string; email: string }[]>();
    for (const r of messages) {
        if (!r.outcome || !UNREACHABLE.includes(r.outcome) || !r.as.includes('chair')) continue;
        const m = pending.find((p) => p.recipient.email === r.email)!;
        for (const item of m.items.filter((i) => i.as === 'chair' && r.groups.includes(i.groupId))) {
            const vice = data.roster.find((e) => e.groupId === item.groupId && e.role === 'vice_chair');
            if (!vice || vice.email.toLowerCase() === r.email.toLowerCase()) continue;
            let f = fallbacks.find((x) => x.recipient.email === vice.email);
            if (!f)
                fallbacks.push(
                    (f = {
                        recipient: { name: vice.name, email: vice.email, aadObjectId: vice.aadObjectId },
                        items: [],
                        identities: [],
                        standingInFor: r.recipient,
                        card: m.card,
                    }),
                );
            f.items.push({ ...item, as: 'vice_chair' });
            standIns.set(r, [...(standIns.get(r) ?? []), { groupId: item.groupId, email: vice.email }]);
        }
    }
    const viceResults: RunMessage[] = [];
    for (const f of fallbacks) {
        const identities = identitiesOf(f).filter((i) => !known.has(deliveryId(i)));
        if (identities.length)
            viceResults.push(...(await deliver(deps, ledger, { ...f, identities }, runId, now, teams)));
    }
    for (const [chair, stands] of standIns)
        chair.viceChairs = stands.map(({ groupId, email }) => {
            const vice = viceResults.find((v) => v.email === email);
            const entry = data.roster.find((e) => e.email === email);
            return {
                groupId,
                name: vice?.recipient ?? entry?.name ?? email,
                email,
                outcome: vice?.outcome,
                reason: vice ? vice.reason : 'the vice-chair was already sent this reminder',
            };
        });
    return [...messages, ...viceResults];
}

async function deliver(
    deps: ReminderDeps,
    ledger: DeliveryLedger,
    message: Pending,
    runId: string,
    now: Date,
    teams: TeamMembersCache,
): Promise<RunMessage[]> {
    const email = message.recipient.email;
    const data = deps.store.read();
    const stand = message.standingInFor ? { standingInFor: message.standingInFor } : {};
    const identities = message.identities.map((i) => ({ ...i, ...stand }));
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
                identities,
                runId,
                { outcome: 'notInstalled', attempts: 0, reason: reach.reason },
                now,
            );
            if (settled.length === 0) return [];
            return [describe(data, message, settled, 'notInstalled', { reason: reach.reason, ...stand })];
        }
        let claimed: Identity[] = [];
        let extras: { extras: ReminderExtras; identity: Identity } | undefined;
        // The outcome is recorded before the send gives up its place in flight (see maxInFlight).
        const result = await deps.sender.sendOne(
            {
                id: `${runId}:${email}`,
                reference: reach.reference,
                // Claimed once the send has its place in flight: a crash leaves at most those claimed.
                prepare: async () => {
                    // The chair's documents due for review ride along, at most once per cadence, claimed
                    // in the same write as the reminder (never in a message only to the manager).
                    const rider = message.card ? undefined : extrasOnCadence(deps, email, now);
                    const got = await ledger.claimWithRider(
                        email,
                        identities,
                        rider && { identity: rider.identity, when: (fresh) => fresh.some((i) => i.as !== 'manager') },
                        runId,
                        now,
                    );
                    claimed = got.claimed;
                    if (claimed.length === 0) return undefined;
                    extras = got.rider ? rider : undefined;
                    const items = message.items
                        .map((i) => ({
                            ...i,
                            steps: i.steps.filter((s) =>
                                claimed.some((c) => c.groupId === i.groupId && c.step === s.name),
                            ),
                        }))
                        .filter((i) => i.steps.length > 0);
                    const current = deps.store.read();
                    const toManager = items.every((i) => i.as === 'manager');
                    if (message.card) return cardMessage(message.card());
                    const card = toManager
                        ? createManagerReport(current, { late: items, unreachable: [] }, now, deps.policy.zone)
                        : createReminderCard(current, message.recipient, items, now, deps.policy.zone, extras?.extras);
                    return cardMessage(card);
                },
                // A stale chat (404, or a 403 that is not a block): a fresh 1:1 chat, and the same card once more.
                recover: () =>
                    reopenChat(deps.store, deps.transport, message.recipient, reach.reference, () => now, teams),
            },
            async (report) => {
                if (report.outcome === 'skipped') return;
                const carried = [...claimed, ...(extras ? [extras.identity] : [])];
                await ledger.finish(
                    email,
                    carried,
                    { ...report, outcome: report.outcome, ...deliveryFacts(report, reach.via) },
                    now,
                );
            },
        );
        if (result.outcome === 'skipped') return [];
        // Only a code that says the person or an admin shut the bot out marks the chat (see faults.ts).
        if (result.permanent) await forgetConversation(deps.store, result.recovery?.reference ?? reach.reference, now);
        const facts = deliveryFacts(result, reach.via);
        return [
            describe(data, message, claimed, result.outcome, {
                reason: facts.reason,
                via: facts.via,
                ...(result.recovery
                    ? {
                          freshChat: {
                              after: result.recovery.after.reason ?? result.recovery.after.outcome,
                              opened: result.recovery.opened,
                              ...(result.recovery.reason ? { reason: result.recovery.reason } : {}),
                          },
                      }
                    : {}),
                ...stand,
            }),
        ];
    } catch (err) {
        deps.log.error({ err: (err as Error).message, runId }, 'reminder delivery failed');
        return [describe(data, message, identities, 'failed', { reason: (err as Error).message, ...stand })];
    }
}

/** How a send went, for the ledger and the report: the route taken and the whole reason in words. */
function deliveryFacts(report: SendReport, via: Via): { via: Via; reason?: string; firstFailure?: string } {
    const recovery = report.recovery;
    if (!recovery) return { via, reason: report.reason };
    const after = recovery.after.reason ?? recovery.after.outcome;
    if (!recovery.opened)
        return { via, reason: `${after}; ${recovery.reason ?? 'no fresh chat could be opened'}`, firstFailure: after };
    return {
        via: 'fresh chat',
        reason: report.reason ? `${after}; in a fresh chat: ${report.reason}` : undefined,
        firstFailure: after,
    };
}

/**
 * The documents due for a person's groups, with the ledger identity that sends them at most once per
 * cadence (claimed beside the reminder; see `DeliveryLedger.claimWithRider`). Undefined when none are due
 * or the cadence is off.
 */
function extrasOnCadence(
    deps: ReminderDeps,
    email: string,
    now: Date,
): { extras: ReminderExtras; identity: Identity } | undefined {
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
    return { extras, identity };
}

/**
 * A chat Teams says the person or an admin shut the bot out of (a permanent 403 code) is marked
 * uninstalled, so it is not tried first again; a stale or refused one is kept (see faults.ts).
 */
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
        ...failed.map((m) => ({ name: m.recipient, detail: notReachedDetail(m) })),
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

/**
 * Why one person was not reached and what was done about it, in words for the partnership manager:
 * "not reached: ConversationNotFound: the saved chat no longer exists; could not open a fresh chat
 * (...); groups: Kent Housing Options Group; the vice-chair Chris Lane was reminded instead".
 */
export function notReachedDetail(m: RunMessage): string {
    const parts = [`${outcomeText(m.outcome ?? 'failed')}${m.reason ? ` (${m.reason})` : ''}`];
    parts.push(`groups: ${m.groupNames.join(', ')}`);
    if (m.standingInFor) parts.push(`as vice-chair standing in for ${m.standingInFor}`);
    for (const v of m.viceChairs ?? []) {
        const of =
            (m.viceChairs?.length ?? 0) > 1 ? ` of ${m.groupNames[m.groups.indexOf(v.groupId)] ?? v.groupId}` : '';
        parts.push(
            v.outcome === 'sent' || v.outcome === 'throttled then sent'
                ? `the vice-chair${of} ${v.name} was reminded instead`
                : `the vice-chair${of} ${v.name} was not reached either${v.reason ? ` (${v.reason})` : ''}`,
        );
    }
    return parts.join('; ');
}

/**
 * One line per person a run meant to reach who was not reached, or was reached only through a
 * fallback, by name with the reason: what the manager is told after "remind the missing groups now".
 * A vice-chair standing in is described on the chair's line.
 */
export function deliveryLines(report: Pick<RunReport, 'messages'>): string[] {
    return report.messages
        .filter((m) => !m.standingInFor)
        .flatMap((m) => {
            if (!delivered(m)) return [`**${m.recipient}** was not reached: ${notReachedDetail(m)}`];
            if (m.via === 'fresh chat' && m.freshChat)
                return [
                    `**${m.recipient}** was reached in a fresh chat, after the saved one failed (${m.freshChat.after})`,
                ];
            return [];
        });
}

export function outcomeText(o: Outcome): string {
    switch (o) {
        case 'sent':
            return 'reached';
        case 'throttled then sent':
            return 'reached (after Teams asked the bot to slow down)';
        case 'blocked':
            return 'has blocked the bot, or it was disabled or removed for them';
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
