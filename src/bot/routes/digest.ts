/**
 * The digest of a round: the card in chat, the full text of one objective, reminding the groups that
 * have not reported, closing the round's updates (with a confirmation, and a way back), and the
 * Board's meeting dates. The partnership manager may see and act on it; observers (Board members) may
 * see it.
 */
import { showDate } from '../../domain/partialDate.js';
import { MessageFactory, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { cardAttachment, renderCard } from '../../cards/render.js';
import { createDigestCard, createDigestObjectiveCard, standing } from '../../cards/digest.js';
import { notReachedReason, type Digest, type MissingGroup } from '../../domain/digest.js';
import { dayNamed, parseDigestQuestion, periodNamed } from '../../domain/digestQuestion.js';
import { groupFinder } from '../../domain/groupNames.js';
import type { ThemeCode } from '../../domain/model.js';
import { canReadDigest } from '../../domain/people.js';
import { isRoundId, paperDeadline } from '../../domain/rounds.js';
import { localToday } from '../../domain/schedule.js';
import { AppError } from '../../errors.js';
import { DeliveryLedger } from '../../notify/ledger.js';
import { AuditTrail } from '../../services/audit.js';
import { observersOf, sendBoardPaperNotice } from '../../services/boardPaperNotice.js';
import { buildDigest, notARoundMessage, type RoundOptions } from '../../services/digest.js';
import { delivered, remindNow, type RunReport } from '../../services/reminders.js';
import {
    closedBy,
    closeUpdates,
    describeUpdate,
    listInWords,
    parseUpdateRef,
    recordBoardMeeting,
    refKey,
    reopenUpdates,
    type UpdateRef,
} from '../../services/rounds.js';
import { replaceCardForAll } from '../cardResponse.js';
import { reminderDeps } from '../reminderDeps.js';
import { identifyAsker, type Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import { downloadUrl, OBSERVER_LINK_DAYS } from '../digestDownload.js';
import type { Feature } from '../feature.js';
import { VERBS } from '../verbs.js';
import { counted } from '../../domain/words.js';

export const NOT_FOR_YOU =
    'The digest is for the partnership manager and the Board. You can ask me "what\'s my group\'s next update?" or "which protocols are due for review?".';

export const MANAGER_ONLY = 'Only the partnership manager can do that. Nothing was changed.';

interface Filters {
    period?: string;
    theme?: ThemeCode;
    groupId?: string;
}

/** The round options the bot runs with. */
export function roundOptions(deps: BotDeps): RoundOptions {
    return { zone: deps.config.timeZone, boardPaperWorkingDays: deps.config.boardPaperWorkingDays };
}

function filtersOf(data: Record<string, unknown>, deps: BotDeps): Filters | undefined {
    const period = data.period;
    if (typeof period !== 'string' || !isRoundId(period)) return undefined;
    const theme = typeof data.theme === 'string' && data.theme ? data.theme : undefined;
    const groupId = typeof data.groupId === 'string' && data.groupId ? data.groupId : undefined;
    const store = deps.store.read();
    if (theme && !store.themes.some((t) => t.code === theme)) return undefined;
    if (groupId && !store.groups.some((g) => g.id === groupId && g.reports)) return undefined;
    return { period, theme: theme as ThemeCode | undefined, groupId };
}

async function digestFor(deps: BotDeps, asker: Asker, request: Filters) {
    const now = deps.clock();
    const digest = await buildDigest(deps.store, request, now, roundOptions(deps), deps.registerSummary?.(now));
    const claims = { period: digest.period, theme: request.theme, groupId: request.groupId, by: asker.person!.email };
    const card = createDigestCard(
        digest,
        { download: downloadUrl(deps, claims), paper: downloadUrl(deps, { ...claims, format: 'docx' }) },
        request,
        Boolean(asker.person?.isManager),
    );
    return { digest, card };
}

export async function answerDigest(context: TurnContext, deps: BotDeps, asker: Asker, text: string): Promise<void> {
    if (!canReadDigest(asker.person)) {
        await context.sendActivity(NOT_FOR_YOU);
        return;
    }
    const now = deps.clock();
    const request = parseDigestQuestion(text, deps.store.read().groups, now, deps.config.timeZone);
    if (request.notAMonth) {
        await context.sendActivity(notARoundMessage(deps.store, request.notAMonth, now, roundOptions(deps), false));
        return;
    }
    try {
        const { card } = await digestFor(deps, asker, request);
        await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    } catch (err) {
        if (err instanceof AppError && err.code === 'digest.notARound') {
            await context.sendActivity(err.message);
            return;
        }
        throw err;
    }
}

/** "The Board meets on 12 March 2027": records the date; the digest then collects for that meeting. */
export async function answerBoardMeeting(
    context: TurnContext,
    deps: BotDeps,
    asker: Asker,
    text: string,
): Promise<void> {
    if (!asker.person?.isManager) {
        await context.sendActivity(MANAGER_ONLY);
        return;
    }
    const now = deps.clock();
    const today = localToday(now, deps.config.timeZone);
    const date = dayNamed(text, now, deps.config.timeZone);
    if (!date) {
        await context.sendActivity(
            'Which day does the Board meet? Say it with the date, for example "the Board meets on 12 March 2027".',
        );
        return;
    }
    if (date < today) {
        await context.sendActivity(
            `${showDate(date, { weekday: true })} has passed. Tell me the date of a meeting to come, for example "the Board meets on 12 March 2027".`,
        );
        return;
    }
    const added = await recordBoardMeeting(deps.store, date, asker.person, now);
    const days = deps.config.boardPaperWorkingDays;
    const deadline = paperDeadline(date, days);
    const digest = await buildDigest(deps.store, { period: `board-${date}` }, now, roundOptions(deps));
    const groups = digest.updates.map((u) => `${u.groupName} (${u.periodLabel}, due ${showDate(u.due)})`);
    await context.sendActivity(
        `${added ? 'Noted' : 'I already had it'}: the Board meets on ${showDate(date, { weekday: true })}. ` +
            (deadline < today
                ? `Its paper was due ${showDate(deadline, { weekday: true })}, ${counted(days, 'working day')} before, so that deadline has already passed: send the paper as soon as you can, and ask for "digest" to see what is in. `
                : `Its paper is due ${showDate(deadline, { weekday: true })}, ${counted(days, 'working day')} before. `) +
            (groups.length
                ? `Its round covers the updates due by then: ${listInWords(groups)}. Ask for "digest" to see it.`
                : 'No group has an update due by then.') +
            ` While it is the next meeting, updates still missing after their due date are also chased ${listInWords(
                [...deps.config.reminders.beforeDays]
                    .sort((a, b) => b - a)
                    .map((d) => (d === 0 ? 'on the deadline' : `${counted(d, 'day')} before it`)),
            )}.`,
    );
}

/** "Reopen Tenancy Management's November 2026 update", or "reopen" for the last close. */
export async function answerReopen(context: TurnContext, deps: BotDeps, asker: Asker, text: string): Promise<void> {
    if (!asker.person?.isManager) {
        await context.sendActivity(MANAGER_ONLY);
        return;
    }
    const now = deps.clock();
    const data = deps.store.read();
    const groups = groupFinder(data.groups.filter((g) => g.reports)).find(text);
    const month = periodNamed(text, now, deps.config.timeZone);
    const open = data.closedPeriods.filter((c) => !c.reopenedAt && c.groupId);
    let refs: UpdateRef[] = open
        .filter(
            (c) => (groups.length === 0 || groups.some((g) => g.id === c.groupId)) && (!month || c.period === month),
        )
        .map((c) => ({ groupId: c.groupId!, period: c.period }));
    let undoes: string | undefined;
    if (groups.length === 0 && !month) {
        // Nothing named: the most recent close that still has updates closed.
        const closes = await new AuditTrail(deps.store).find({ actions: ['round.close'] }, now);
        const last = closes.find((e) => closedBy(e).some((r) => refs.some((x) => refKey(x) === refKey(r))));
        refs = last ? closedBy(last).filter((r) => refs.some((x) => refKey(x) === refKey(r))) : [];
        undoes = last?.id;
    }
    if (refs.length === 0) {
        await context.sendActivity(
            'Nothing matching that is closed, so nothing was reopened. Name the group and month, for example "reopen Tenancy Management\'s November 2026 update".',
        );
        return;
    }
    const result = await reopenUpdates(deps.store, refs, asker.person, now, undoes);
    await context.sendActivity(reopenedLine(deps, result.reopened));
}

function reopenedLine(deps: BotDeps, refs: UpdateRef[]): string {
    const names = refs.map((r) => describeUpdate(deps.store.read(), r));
    return `Reopened ${listInWords(names)}: ${refs.length === 1 ? 'it' : 'they'} can be written again, and ${refs.length === 1 ? 'it is' : 'they are'} chased again if late.`;
}

/** What the remind-missing run came to, per group, by name: who was reached, and why anyone was not. */
export async function remindOutcomeLines(
    deps: BotDeps,
    missing: readonly MissingGroup[],
    report: RunReport,
    now: Date,
): Promise<string[]> {
    const data = deps.store.read();
    const ledger = await new DeliveryLedger(deps.store).records();
    const day = now.toISOString().slice(0, 10);
    return missing.map((m) => {
        const chair = data.roster.find((e) => e.groupId === m.groupId && e.role === 'chair');
        const vice = data.roster.find((e) => e.groupId === m.groupId && e.role === 'vice_chair');
        const person = chair ?? vice;
        const what = `${m.groupName}'s ${m.periodLabel}`;
        if (!person) return `${what}: no one to remind (no chair or vice-chair on the roster).`;
        const role = person === chair ? 'chair' : 'vice-chair';
        // The chair's own line: a vice-chair standing in is told on it (notReachedDetail).
        const sent = report.messages.find(
            (r) =>
                !r.standingInFor &&
                r.email.toLowerCase() === person.email.toLowerCase() &&
                r.groups.includes(m.groupId),
        );
        if (sent) {
            if (!delivered(sent)) {
                const v = sent.viceChairs?.find((x) => x.groupId === m.groupId);
                const instead = !v
                    ? ''
                    : delivered(v)
                      ? `; the vice-chair ${v.name} was reminded instead`
                      : `; the vice-chair ${v.name} was not reached either: ${notReachedReason(v.outcome ?? 'failed', v.name, v.reason)}`;
                return `${what}: ${person.name} (${role}) was not reached: ${notReachedReason(sent.outcome ?? 'failed', person.name, sent.reason)}${instead}.`;
            }
            return sent.via === 'fresh chat' && sent.freshChat
                ? `${what}: reminded ${person.name} (${role}), in a fresh chat after the saved one failed (${sent.freshChat.after}).`
                : `${what}: reminded ${person.name} (${role}).`;
        }
        // Nothing was sent this time: the ledger says what today's earlier reminder came to.
        const earlier = ledger.find(
            (r) =>
                r.groupId === m.groupId &&
                r.period === m.period &&
                r.step === `manual-${day}` &&
                r.recipient === person.email.toLowerCase(),
        );
        if (!earlier) return `${what}: ${person.name} (${role}) was not reached: nothing was sent.`;
        if (earlier.outcome === 'sent' || earlier.outcome === 'throttled then sent')
            return `${what}: ${person.name} (${role}) was already reminded today, and that reminder was delivered.`;
        return `${what}: ${person.name} (${role}) was not reached: ${notReachedReason(earlier.outcome ?? 'sending', person.name, earlier.reason)} (tried earlier today; a manual reminder is tried once a day).`;
    });
}

/** The confirmation card for closing a round's updates: late and submitted ones ticked, the rest not. */
export function createCloseCard(deps: BotDeps, digest: Digest): AdaptiveCard {
    const open = digest.updates.filter((u) => !u.closed);
    return renderCard('round-close', {
        title: `Close updates: ${digest.label}`,
        period: digest.period,
        offered: open.map((u) => `${u.groupId}/${u.period}`).join(','),
        items: open.map((u) => ({
            inputId: `close_${u.groupId}_${u.period}`,
            title: `${u.groupName}'s ${u.periodLabel}: ${standing(u)}`,
            value: u.late || u.state === 'submitted' ? 'true' : 'false',
        })),
        alreadyClosed: digest.updates
            .filter((u) => u.closed)
            .map((u) => ({ line: `${u.groupName}'s ${u.periodLabel}` })),
    });
}

/**
 * After a close: each observer is sent the Board paper's link for the round as it was closed, in the
 * background; the manager is told who it reached and why anyone was not.
 */
function sendPaperToObservers(context: TurnContext, deps: BotDeps, digest: Digest, closedBy: string, now: Date): void {
    const observers = observersOf(deps.store.read().roster);
    if (observers.length === 0) return;
    const reference = TurnContext.getConversationReference(context.activity);
    const adapter = context.adapter;
    const updates = digest.updates.map((u) => `${u.groupId}/${u.period}`).join(',');
    const link = (email: string) =>
        downloadUrl(
            deps,
            { period: digest.period, updates, label: digest.label, by: email, format: 'docx' },
            OBSERVER_LINK_DAYS * 24 * 60,
        );
    deps.background.run(
        'sending the Board paper to observers',
        sendBoardPaperNotice(
            deps,
            observers,
            (o) =>
                `${closedBy} has closed ${digest.label}. The Board paper: [download it](${link(o.email)}) (the link works for ${OBSERVER_LINK_DAYS} days). You can also ask me for the "digest" at any time.`,
            now,
        ).then(async (outcomes) => {
            const reached = outcomes.filter((o) => o.delivered).map((o) => o.name);
            const missed = outcomes.filter((o) => !o.delivered).map((o) => `${o.name}: ${o.reason}`);
            const summary =
                (reached.length ? `The Board paper's link went to ${listInWords(reached)}.` : '') +
                (missed.length ? ` Not sent: ${missed.join('; ')}.` : '');
            await adapter.continueConversationAsync(deps.config.auth.appId ?? '', reference, async (c) => {
                await c.sendActivity(summary.trim());
            });
        }),
    );
}

export const digestFeature: Feature = {
    name: 'digest',
    intents: {
        digest: async ({ context, deps, asker, text }) => answerDigest(context, deps, asker, text),
        'board.meeting': async ({ context, deps, asker, text }) => answerBoardMeeting(context, deps, asker, text),
        'updates.reopen': async ({ context, deps, asker, text }) => answerReopen(context, deps, asker, text),
    },
    register(app, deps) {
        const reader = async (context: TurnContext) => {
            const asker = await identifyAsker(context, deps);
            return canReadDigest(asker.person) ? asker : undefined;
        };
        const managerOnly = async (context: TurnContext) => {
            const asker = await identifyAsker(context, deps);
            return asker.person?.isManager ? asker : undefined;
        };
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.digestObjective,
            async (context, _state, data) => {
                const asker = await reader(context);
                if (!asker) return NOT_FOR_YOU;
                const filters = filtersOf(data, deps);
                const ref = typeof data.ref === 'string' ? data.ref : '';
                if (!filters) return 'That digest card is out of date or not valid. Ask me for the digest again.';
                const { digest } = await digestFor(deps, asker, filters);
                const card = createDigestObjectiveCard(digest, ref);
                if (!card) return `There is nothing reported for "${ref.slice(0, 20)}" in that digest.`;
                // Shown as a new message, so the digest card itself stays as it was.
                await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
                return `Here is the full text for ${ref}.`;
            },
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.digestRemind, async (context, _state, data) => {
            const asker = await managerOnly(context);
            if (!asker) return MANAGER_ONLY;
            const filters = filtersOf(data, deps);
            if (!filters) return 'That digest card is out of date or not valid. Nothing was sent.';
            const now = deps.clock();
            const digest = await buildDigest(deps.store, filters, now, roundOptions(deps));
            if (digest.missing.length === 0) return 'Every group in this digest has reported: no reminders needed.';
            // The invoke is answered at once; the reminders go out paced, in the background.
            // The turn's context is revoked once it ends: keep what the follow-up message needs.
            const reference = TurnContext.getConversationReference(context.activity);
            const adapter = context.adapter;
            deps.background.run(
                'reminding missing groups',
                remindNow(reminderDeps(deps), digest.missing, now).then(async (report) => {
                    const lines = await remindOutcomeLines(deps, digest.missing, report, now);
                    const summary = `What the reminders came to:\n\n${lines.map((l) => `- ${l}`).join('\n')}`;
                    await adapter.continueConversationAsync(deps.config.auth.appId ?? '', reference, async (c) => {
                        await c.sendActivity(summary);
                    });
                }),
            );
            const n = digest.missing.length;
            return `Reminding the chairs of ${counted(n, 'group')} now: ${listInWords(digest.missing.map((m) => m.groupName))}. I'll tell you what each reminder came to.`;
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.digestClose, async (context, _state, data) => {
            const asker = await managerOnly(context);
            if (!asker) return MANAGER_ONLY;
            const filters = filtersOf(data, deps);
            if (!filters) return 'That digest card is out of date or not valid. Nothing was changed.';
            const digest = await buildDigest(deps.store, filters, deps.clock(), roundOptions(deps));
            // The confirmation is a new message: the digest card stays as it was.
            await context.sendActivity(MessageFactory.attachment(cardAttachment(createCloseCard(deps, digest))));
            return 'Tick the updates to close, then confirm. Nothing has been closed yet.';
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.digestCloseConfirm,
            async (context, _state, data) => {
                const asker = await managerOnly(context);
                if (!asker) return MANAGER_ONLY;
                const filters = filtersOf(data, deps);
                const offered =
                    typeof data.offered === 'string' ? data.offered.split(',').filter(Boolean).slice(0, 500) : [];
                const refs = offered.map(parseUpdateRef);
                if (!filters || refs.some((r) => !r))
                    return 'That confirmation card is out of date or not valid. Nothing was closed.';
                const ticked = (refs as UpdateRef[]).filter((r) =>
                    [true, 'true'].includes(data[`close_${r.groupId}_${r.period}`] as string | boolean),
                );
                const now = deps.clock();
                const store = deps.store.read();
                if (ticked.length === 0) return 'Nothing was ticked, so nothing was closed.';
                const digest = await buildDigest(deps.store, { period: filters.period }, now, roundOptions(deps));
                let result;
                try {
                    result = await closeUpdates(
                        deps.store,
                        ticked,
                        asker.person!,
                        { ...digest.round, updates: digest.updates },
                        now,
                    );
                } catch (err) {
                    if (err instanceof AppError) return err.message;
                    throw err;
                }
                const left = (refs as UpdateRef[]).filter((r) => !ticked.includes(r));
                const lines = [
                    result.closed.length
                        ? `Closed ${listInWords(result.closed.map((r) => describeUpdate(store, r)))}: ${result.closed.length === 1 ? 'it' : 'they'} can no longer be changed, and no one is chased for ${result.closed.length === 1 ? 'it' : 'them'}.`
                        : 'Nothing new was closed.',
                    ...(result.already.length
                        ? [`Already closed: ${listInWords(result.already.map((r) => describeUpdate(store, r)))}.`]
                        : []),
                    ...(left.length ? [`Left open: ${listInWords(left.map((r) => describeUpdate(store, r)))}.`] : []),
                ];
                if (result.closed.length > 0) sendPaperToObservers(context, deps, digest, asker.person!.name, now);
                const card = renderCard('round-closed', {
                    title: `Closed: ${digest.label}`,
                    lines: lines.map((text) => ({ text })),
                    entry: result.entry?.id ?? '',
                });
                return replaceCardForAll(context, card, deps.log);
            },
        );
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.digestReopen, async (context, _state, data) => {
            const asker = await managerOnly(context);
            if (!asker) return MANAGER_ONLY;
            const id = typeof data.entry === 'string' ? data.entry.slice(0, 120) : '';
            const entry = id ? await new AuditTrail(deps.store).get(id) : undefined;
            if (entry?.action !== 'round.close') return 'That card is out of date or not valid. Nothing was reopened.';
            const result = await reopenUpdates(deps.store, closedBy(entry), asker.person!, deps.clock(), entry.id);
            const text =
                result.reopened.length > 0
                    ? reopenedLine(deps, result.reopened)
                    : 'Those updates are already open again. Nothing was changed.';
            const card = renderCard('round-closed', {
                title: 'Reopened',
                lines: [{ text }],
                entry: '',
            });
            return replaceCardForAll(context, card, deps.log);
        });
    },
};
