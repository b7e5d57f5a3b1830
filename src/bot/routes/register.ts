/**
 * The protocol register in chat: "which protocols are due for review?", one document's card, "what
 * should we review first?", paging through a long list, and the partnership manager's changes from a
 * document's card. Handlers read the question or the card's data, call one use case, and answer.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isAppError } from '../../errors.js';
import { RememberedPer } from '../../remember.js';
import type { StoreData } from '../../domain/model.js';
import { todayIn } from '../../domain/partialDate.js';
import { groupsWithRole, type Person } from '../../domain/people.js';
import { assessProtocol, dueReport, reviewFirst, windowEndFor, type RegisterFilter } from '../../domain/register.js';
import { registerOptions } from '../../services/registerSummary.js';
import { canChangeRegister, type RegisterAction } from '../../domain/registerChanges.js';
import { horizonLabelOf, lookupProtocol, parseDueQuestion, scopeOf } from '../../domain/registerQuestions.js';
import { cardAttachment, type AdaptiveCardJson } from '../../cards/render.js';
import {
    createChoiceCard,
    createDueCard,
    createFirstCard,
    createProtocolCard,
    filterFromData,
    SECTIONS,
} from '../../cards/register.js';
import { previewRegisterChange } from '../../services/register.js';
import { createManageConfirmCard } from '../../cards/manage.js';
import { identifyAsker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';
import { VERBS } from '../verbs.js';

/** How many documents "what should we review first?" names. */
export const FIRST_COUNT = 3;

const optionsOf = (deps: BotDeps, data: Readonly<StoreData>) => registerOptions(deps.config, data.settings);

async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

function askerGroups(person: Person | undefined): { groupIds?: string[]; isManager?: boolean } {
    return person
        ? { groupIds: groupsWithRole(person, 'chair', 'vice_chair', 'member'), isManager: person.isManager }
        : {};
}

/** The card for one document, as the asker may see it (the forms only for the partnership manager). */
export function protocolCard(
    deps: BotDeps,
    data: Readonly<StoreData>,
    id: string,
    person: Person | undefined,
    message?: string,
): AdaptiveCardJson | undefined {
    const protocol = data.protocols.find((p) => p.id === id);
    if (!protocol) return undefined;
    const now = deps.clock();
    const options = optionsOf(deps, data);
    const today = todayIn(now, options.zone);
    const standing = assessProtocol(protocol, today, windowEndFor(today, options), options.policyCycleMonths);
    return createProtocolCard(standing, {
        groups: data.groups,
        roster: data.roster,
        zone: options.zone,
        today,
        confirmedMonths: options.confirmedMonths,
        canEdit: canChangeRegister(person),
        policyCycleMonths: options.policyCycleMonths,
        message,
    });
}

function dueCard(
    deps: BotDeps,
    data: Readonly<StoreData>,
    filter: RegisterFilter,
    extra: { scope?: string; horizonLabel?: string; note?: string } = {},
    page?: Parameters<typeof createDueCard>[2],
) {
    const options = optionsOf(deps, data);
    const report = dueReport(data.protocols, deps.clock(), options, filter);
    const ctx = {
        today: report.today,
        confirmedMonths: options.confirmedMonths,
        groups: data.groups,
        scope: extra.scope ?? scopeOf(filter.groupIds ?? [], data.groups),
        horizonLabel: extra.horizonLabel ?? horizonLabelOf(filter.horizon),
        note: extra.note,
        dueSoonDays: deps.config.dueSoonDays,
    };
    // A long register's card is rendered once per report (which lasts until the register or the day
    // changes) and question; each answer gets its own copy.
    const key = JSON.stringify([ctx.scope, ctx.horizonLabel, ctx.note, ctx.dueSoonDays, page, data.groups.length]);
    const json = renderedDueCards.get(report, key, () => JSON.stringify(createDueCard(report, ctx, page)));
    return JSON.parse(json) as ReturnType<typeof createDueCard>;
}

const renderedDueCards = new RememberedPer<object, string>(32);

function firstCard(deps: BotDeps, data: Readonly<StoreData>, filter: RegisterFilter, scope?: string) {
    const options = optionsOf(deps, data);
    const report = dueReport(data.protocols, deps.clock(), options, { ...filter, overdueOnly: false });
    return createFirstCard(reviewFirst(report, FIRST_COUNT, data.groups, data.protocols), report, {
        groups: data.groups,
        scope: scope ?? scopeOf(filter.groupIds ?? [], data.groups),
        today: report.today,
        confirmedMonths: options.confirmedMonths,
    });
}

/** A card's filter, checked: anything unknown or malformed is dropped rather than trusted. */
const filterSchema = z
    .object({
        groupIds: z.array(z.string().max(80)).max(50).default([]),
        overdueOnly: z.boolean().default(false),
        horizonMonths: z.number().int().min(0).max(120).default(0),
        horizonDays: z.number().int().min(0).max(3650).default(0),
    })
    .default({});

const pageSchema = z.object({
    section: z.enum(SECTIONS as [string, ...string[]]).optional(),
    offset: z.number().int().min(0).max(100_000).default(0),
    filter: filterSchema,
});

function cardFilter(raw: unknown, data: Readonly<StoreData>): RegisterFilter | undefined {
    const parsed = filterSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const groupIds = parsed.data.groupIds.filter((id) => data.groups.some((g) => g.id === id));
    return filterFromData({ ...parsed.data, groupIds });
}

const STALE_CARD =
    'That button is from a card I can no longer read. Ask me again, e.g. "which protocols are due for review?", for a fresh one.';

/** Each change form's note box has its own id (ids are unique across a card); the service reads `note`. */
const NOTE_INPUTS: Record<RegisterAction, string> = {
    markReviewed: 'reviewNote',
    startReview: 'startNote',
    setStatus: 'statusNote',
    addNote: 'note',
};

/**
 * The change forms' verbs. Each only previews: the answer is a confirmation card saying what will
 * change, whose Confirm (`manage.confirm`) makes the change, audited and undoable.
 */
const CHANGE_VERBS: [string, RegisterAction][] = [
    [VERBS.registerMarkReviewed, 'markReviewed'],
    [VERBS.registerStartReview, 'startReview'],
    [VERBS.registerSetStatus, 'setStatus'],
    [VERBS.registerAddNote, 'addNote'],
];

export const registerFeature: Feature = {
    name: 'register',
    intents: {
        'protocols.due': async ({ context, deps, asker, text }) => {
            const data = deps.store.read();
            const today = todayIn(deps.clock(), deps.config.timeZone);
            const q = parseDueQuestion(text, data.groups, askerGroups(asker.person), today);
            await sendCard(
                context,
                dueCard(deps, data, q.filter, { scope: q.scope, horizonLabel: q.horizonLabel, note: q.note }),
            );
        },
        'protocols.one': async ({ context, deps, asker, text, recognition }) => {
            const data = deps.store.read();
            const named = recognition.entities.filter((e) => e.type === 'protocol').map((e) => e.value);
            const lookup = lookupProtocol(data.protocols, text, named);
            if (lookup.kind === 'found') {
                await sendCard(context, protocolCard(deps, data, lookup.protocol.id, asker.person)!);
            } else if (lookup.kind === 'ambiguous') {
                await sendCard(context, createChoiceCard(lookup.query, lookup.candidates, data.groups));
            } else {
                await context.sendActivity(
                    lookup.query
                        ? `I couldn't find a document called "${lookup.query}" in the register. Try its title or short name (for example "tell me about the KRS"), or ask "which protocols are due for review?" to see the list.`
                        : 'Which document do you mean? Give me its title or short name, for example "tell me about the KRS" or "who owns the pre-eviction protocol?".',
                );
            }
        },
        'protocols.first': async ({ context, deps, asker, text }) => {
            const data = deps.store.read();
            const today = todayIn(deps.clock(), deps.config.timeZone);
            const q = parseDueQuestion(text, data.groups, askerGroups(asker.person), today);
            await sendCard(context, firstCard(deps, data, { groupIds: q.filter.groupIds }, q.scope));
        },
    },
    register(app, deps) {
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.protocolsShow, async (context, _state, raw) => {
            const data = deps.store.read();
            const id = typeof raw?.id === 'string' ? raw.id : '';
            const asker = await identifyAsker(context, deps);
            const card = protocolCard(deps, data, id, asker.person);
            return (
                card ?? "I can't find that document in the register any more (it may have been removed by an import)."
            );
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.protocolsPage, async (_context, _state, raw) => {
            const data = deps.store.read();
            const parsed = pageSchema.safeParse(raw ?? {});
            const filter = parsed.success ? cardFilter(parsed.data.filter, data) : undefined;
            if (!parsed.success || !filter) return STALE_CARD;
            const { section, offset } = parsed.data;
            return dueCard(
                deps,
                data,
                filter,
                {},
                section ? { section: section as (typeof SECTIONS)[number], offset } : undefined,
            );
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(
            VERBS.protocolsFirst,
            async (_context, _state, raw) => {
                const data = deps.store.read();
                const filter = cardFilter(raw?.filter, data);
                if (!filter) return STALE_CARD;
                return firstCard(deps, data, filter);
            },
        );
        for (const [verb, action] of CHANGE_VERBS) {
            app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, async (context, _state, raw) => {
                const asker = await identifyAsker(context, deps);
                try {
                    const input =
                        raw && typeof raw === 'object' ? { ...raw, note: raw[NOTE_INPUTS[action]] ?? raw.note } : raw;
                    const { change, lines } = previewRegisterChange(
                        deps.store,
                        action,
                        input,
                        asker.person,
                        deps.clock(),
                        optionsOf(deps, deps.store.read()),
                    );
                    if (lines.length === 0) return 'That leaves the document as it is: nothing to change.';
                    return createManageConfirmCard('confirm', lines, { change });
                } catch (err) {
                    if (isAppError(err)) {
                        if (err.code === 'register.forbidden')
                            deps.log.warn({ verb, userId: context.activity.from?.id }, 'register change refused');
                        return err.message;
                    }
                    throw err;
                }
            });
        }
    },
};
