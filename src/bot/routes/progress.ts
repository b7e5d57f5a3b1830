/**
 * Progress replies on the card: open the form, save a draft, submit, edit, and the per-person refresh
 * of a submitted update. Handlers read the card's data, call one use case, and answer with a card.
 */
import { shortName } from '../../domain/groupNames.js';
import { MessageFactory, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '@microsoft/teams-ai';
import { isAppError } from '../../errors.js';
import { canWriteUpdate, fieldProblemsOf, type FieldProblem } from '../../domain/progress.js';
import type { Group } from '../../domain/model.js';
import { createProgressForm, createProgressSummary, type SentValues } from '../../cards/progress.js';
import { previousSubmission, readUpdate, recordProgress, type RecordResult } from '../../services/progress.js';
import { identifyAsker, type Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';
import { teamsUserIds } from '../teamsIds.js';
import { VERBS } from '../verbs.js';
import { replaceCardForAll } from '../cardResponse.js';
import { notifyConcernedGroups } from './crossGroup.js';
import { cardAttachment, renderCard } from '../../cards/render.js';
import { dueLine } from '../../cards/reminders.js';
import { groupFinder } from '../../domain/groupNames.js';
import { groupUpdateStatus, type GroupUpdateStatus } from '../../domain/nextUpdate.js';
import { notOnRoster } from '../../domain/people.js';
import { findPeriod, isScheduled } from '../../domain/schedule.js';
import { updatesByGroup } from '../../services/groups.js';

type CardData = Record<string, unknown>;

/** How long an invoke may wait for the store before answering "saving" (Teams gives a few seconds). */
export const SAVE_DEADLINE_MS = 3000;

function groupOf(deps: BotDeps, data: CardData): Group | undefined {
    const id = typeof data.groupId === 'string' ? data.groupId : '';
    return deps.store.read().groups.find((g) => g.id === id && g.reports);
}

function periodOf(data: CardData): string | undefined {
    return typeof data.period === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(data.period) ? data.period : undefined;
}

function editorsOf(deps: BotDeps, groupId: string) {
    const data = deps.store.read();
    const people = data.roster.filter(
        (e) => (e.groupId === groupId && (e.role === 'chair' || e.role === 'vice_chair')) || e.role === 'manager',
    );
    return teamsUserIds(data, people).slice(0, 60);
}

export async function openForm(
    deps: BotDeps,
    asker: Asker,
    group: Group,
    period: string,
    dueLine?: string,
    sent?: { values: SentValues; line: string; problems?: readonly FieldProblem[] },
): Promise<AdaptiveCard | string> {
    if (!canWriteUpdate(asker.person, group.id).allowed) {
        return `Only the chair or vice-chair of ${group.name} (or the partnership manager) can write its update.`;
    }
    const [doc, previous] = await Promise.all([
        readUpdate(deps.store, group.id, period),
        previousSubmission(deps.store, group.id, period),
    ]);
    return createProgressForm({
        data: deps.store.read(),
        group,
        period,
        doc,
        previous,
        dueLine,
        zone: deps.config.timeZone,
        sent: sent?.values,
        sentLine: sent?.line,
        problems: sent?.problems,
        byManager: canWriteUpdate(asker.person, group.id).onBehalf,
        ragMode: deps.config.ragMode,
        now: deps.clock(),
    });
}

function summaryFor(
    deps: BotDeps,
    asker: Asker,
    group: Group,
    period: string,
    result: Pick<RecordResult, 'doc'>,
    personal: boolean,
): AdaptiveCard {
    return createProgressSummary({
        data: deps.store.read(),
        group,
        period,
        doc: result.doc,
        zone: deps.config.timeZone,
        ragMode: deps.config.ragMode,
        now: deps.clock(),
        // The card everyone sees is read-only; a person who may edit gets their own view on refresh.
        canEdit: personal && canWriteUpdate(asker.person, group.id).allowed,
        refreshUserIds: personal ? [] : editorsOf(deps, group.id),
    });
}

/** Resolves with the value, or with `undefined` if it takes longer than the deadline. */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    try {
        return await Promise.race([work, late]);
    } finally {
        clearTimeout(timer);
    }
}

/** A save's answer; `refused` when the form came back with problems at its fields, nothing stored. */
interface SaveAnswer {
    card: AdaptiveCard | string;
    refused: boolean;
}

/**
 * The form again after a refusal that names fields: the values sent, each problem directly under its
 * input, and a line at the top saying nothing was saved. Cards from clients that skipped the card's own
 * checks (or checks a card cannot express) end here.
 */
async function refusedForm(
    deps: BotDeps,
    asker: Asker,
    data: CardData,
    kind: 'draft' | 'submitted',
    problems: readonly FieldProblem[],
): Promise<AdaptiveCard | string> {
    const n = problems.length;
    const line =
        `Not ${kind === 'draft' ? 'saved' : 'submitted'}: ${n} ${n === 1 ? 'answer is' : 'answers are'} needed, ` +
        `${n === 1 ? 'shown below its box' : 'each shown below its box'}. Nothing was saved, and your text is still in the form.`;
    return openForm(deps, asker, groupOf(deps, data)!, periodOf(data)!, undefined, { values: data, line, problems });
}

async function save(
    context: TurnContext,
    deps: BotDeps,
    data: CardData,
    kind: 'draft' | 'submitted',
    deadlineMs: number,
): Promise<SaveAnswer> {
    const asker = await identifyAsker(context, deps);
    const work = recordProgress(deps.store, data, kind, asker.person, deps.clock());
    // Never leave a rejection unobserved when the deadline wins the race.
    work.catch(() => undefined);
    let result: RecordResult | undefined;
    try {
        result = await withinDeadline(work, deadlineMs);
    } catch (err) {
        if (!isAppError(err)) throw err;
        const problems = fieldProblemsOf(err);
        if (problems.length === 0) return { card: err.message, refused: true };
        return { card: await refusedForm(deps, asker, data, kind, problems), refused: true };
    }
    const group = groupOf(deps, data)!;
    const period = periodOf(data)!;
    if (!result) {
        // The store is slow: answer now, and replace the card once the write is durable.
        finishLate(context, deps, asker, group, period, work, kind);
        return {
            card: `Saving your ${kind === 'draft' ? 'draft' : 'update'} for ${group.name}… I'll update this card as soon as it is stored.`,
            refused: false,
        };
    }
    return { card: await afterSave(deps, asker, group, period, result, kind), refused: false };
}

async function afterSave(
    deps: BotDeps,
    asker: Asker,
    group: Group,
    period: string,
    result: RecordResult,
    kind: 'draft' | 'submitted',
) {
    if (kind === 'draft') {
        return openForm(deps, asker, group, period);
    }
    if (result.appended && result.version.concernsGroups.length > 0) {
        deps.background.run(
            `the cross-group notice from ${group.id}`,
            notifyConcernedGroups(deps, group, period, result.version),
        );
    }
    return summaryFor(deps, asker, group, period, result, false);
}

function finishLate(
    context: TurnContext,
    deps: BotDeps,
    asker: Asker,
    group: Group,
    period: string,
    work: Promise<RecordResult>,
    kind: 'draft' | 'submitted',
) {
    const reference = TurnContext.getConversationReference(context.activity);
    const cardId = context.activity.replyToId;
    const adapter = context.adapter;
    const appId = deps.config.auth.appId ?? '';
    deps.background.run(
        'reporting a late save',
        work.then(
            async (result) => {
                const card = await afterSave(deps, asker, group, period, result, kind);
                await adapter.continueConversationAsync(appId, reference, async (c) => {
                    const attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }];
                    await (typeof card === 'string'
                        ? c.sendActivity(card)
                        : c.updateActivity({ id: cardId, type: 'message', attachments }));
                });
            },
            async (err: unknown) => {
                const message = isAppError(err)
                    ? err.message
                    : 'Sorry, your update could not be stored. Nothing was lost from before; please try again.';
                deps.log.error({ err: (err as Error).message, groupId: group.id }, 'late save failed');
                await adapter.continueConversationAsync(appId, reference, async (c) => {
                    await c.sendActivity(message);
                });
            },
        ),
    );
}

/**
 * "Update KHOG's progress", "continue our update": the form for the group named, or for the asker's
 * own group; a choice when they write for several.
 */
export async function startUpdate(context: TurnContext, deps: BotDeps, asker: Asker, text: string): Promise<void> {
    const data = deps.store.read();
    if (!asker.person) {
        await context.sendActivity(notOnRoster(data));
        return;
    }
    const named = groupFinder(data.groups.filter((g) => g.reports)).find(text);
    const mine = data.groups.filter(
        (g) =>
            isScheduled(g) &&
            asker.person!.entries.some((e) => e.groupId === g.id && (e.role === 'chair' || e.role === 'vice_chair')),
    );
    const candidates = named.length ? named : mine;
    if (candidates.length === 0) {
        await context.sendActivity(
            asker.person.isManager
                ? "Which group's update? Name it, for example **update KHOG's progress**."
                : "Only a group's chair or vice-chair writes its update, and you are neither for any group. Ask me **what's my group's next update?** to see where yours stands.",
        );
        return;
    }
    const refused = candidates.filter((g) => !canWriteUpdate(asker.person, g.id).allowed);
    if (refused.length === candidates.length) {
        await context.sendActivity(
            `Only the chair or vice-chair of ${refused.map((g) => g.name).join(' or ')} (or the partnership manager) can write its update.`,
        );
        return;
    }
    const now = deps.clock();
    const updates = await updatesByGroup(
        deps.store,
        candidates.map((g) => g.id),
    );
    const statuses = candidates
        .filter((g) => canWriteUpdate(asker.person, g.id).allowed)
        .map((g) => groupUpdateStatus(data, g, updates(g.id), now, deps.config.timeZone))
        .filter((s): s is GroupUpdateStatus => Boolean(s));
    if (statuses.length === 0) {
        await context.sendActivity(
            `${candidates.map((g) => g.name).join(' and ')} has no reporting schedule yet, so there is no update to write.`,
        );
        return;
    }
    if (statuses.length > 1) {
        const card = renderCard('group-choice', {
            question: "Which group's update would you like to write?",
            choices: statuses.map((s) => ({
                title: `${shortName(s.group)} (${s.current.label.replace(/ update$/, '')})`,
                groupId: s.group.id,
                period: s.current.period,
            })),
        });
        await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
        return;
    }
    const [s] = statuses;
    const form = await openForm(
        deps,
        asker,
        s.group,
        s.current.period,
        dueLine(s.current.due, now, deps.config.timeZone).text,
    );
    await context.sendActivity(typeof form === 'string' ? form : MessageFactory.attachment(cardAttachment(form)));
}

/** Checks a card's group and period against the store: a message for the person, or undefined when they are real. */
export function progressCardProblem(data: CardData, deps: BotDeps): string | undefined {
    const group = groupOf(deps, data);
    const period = periodOf(data);
    if (!group) return 'That card is for a group I do not know. Nothing was changed.';
    if (!period) return 'That card does not name a valid period. Nothing was changed.';
    if (isScheduled(group) && !findPeriod(group, period))
        return `${period} is not one of ${group.name}'s reporting periods. Nothing was changed.`;
    return undefined;
}

/**
 * A progress form filled in with values that were sent but not saved (card data that came as text),
 * or the reason it cannot be shown (an unknown group or period, or someone who may not write it).
 */
export async function formWithSentValues(
    deps: BotDeps,
    asker: Asker,
    data: CardData,
    line: string,
): Promise<AdaptiveCard | string> {
    const bad = progressCardProblem(data, deps);
    if (bad) return bad;
    return openForm(deps, asker, groupOf(deps, data)!, periodOf(data)!, undefined, { values: data, line });
}

export function createProgressFeature(options: { saveDeadlineMs?: number } = {}): Feature {
    const deadline = options.saveDeadlineMs ?? SAVE_DEADLINE_MS;
    const guard = progressCardProblem;
    return {
        name: 'progress',
        intents: {
            'progress.start': async ({ context, deps, asker, text }) => startUpdate(context, deps, asker, text),
        },
        register(app, deps) {
            // One registration per verb: teams-ai keeps the response mode per registration.
            app.adaptiveCards.actionExecute<CardData>(VERBS.progressOpen, async (context, _state, data) => {
                const bad = guard(data, deps);
                if (bad) return bad;
                const asker = await identifyAsker(context, deps);
                const group = groupOf(deps, data)!;
                const form = await openForm(deps, asker, group, periodOf(data)!);
                // A card with a button per group (a chair of several) stays as it is, so the other
                // buttons are still there: the form comes as a message of its own.
                if (data.keep === true && typeof form !== 'string') {
                    await context.sendActivity(MessageFactory.attachment(cardAttachment(form)));
                    return `${group.name}'s form is in the next message.`;
                }
                return form;
            });
            app.adaptiveCards.actionExecute<CardData>(VERBS.progressEdit, async (context, _state, data) => {
                const bad = guard(data, deps);
                if (bad) return bad;
                const asker = await identifyAsker(context, deps);
                return openForm(deps, asker, groupOf(deps, data)!, periodOf(data)!);
            });
            app.adaptiveCards.actionExecute<CardData>(VERBS.progressSaveDraft, async (context, _state, data) => {
                return guard(data, deps) ?? (await save(context, deps, data, 'draft', deadline)).card;
            });
            app.adaptiveCards.actionExecute<CardData>(VERBS.progressSubmit, async (context, _state, data) => {
                const bad = guard(data, deps);
                if (bad) return bad;
                const { card: answer, refused } = await save(context, deps, data, 'submitted', deadline);
                // A refusal answers the person who pressed Submit only: the shared card is left as it was.
                if (typeof answer === 'string' || refused) return answer;
                // A submitted update replaces the card for everyone who sees it with a read-only summary;
                // the person who submitted sees their own view at once, with Edit when they may edit.
                const group = groupOf(deps, data)!;
                const period = periodOf(data)!;
                const asker = await identifyAsker(context, deps);
                const doc = await readUpdate(deps.store, group.id, period);
                const mine = doc ? summaryFor(deps, asker, group, period, { doc }, true) : answer;
                return replaceCardForAll(context, answer, deps.log, mine);
            });
            app.adaptiveCards.actionExecute<CardData>(VERBS.progressRefresh, async (context, _state, data) => {
                const bad = guard(data, deps);
                if (bad) return bad;
                const group = groupOf(deps, data)!;
                const period = periodOf(data)!;
                const asker = await identifyAsker(context, deps);
                const doc = await readUpdate(deps.store, group.id, period);
                if (!doc || doc.versions.length === 0) return 'There is no update for that period yet.';
                return summaryFor(deps, asker, group, period, { doc }, true);
            });
        },
    };
}
