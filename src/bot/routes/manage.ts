/**
 * The partnership manager's small changes in cards (a group's cadence, due date and reporting; people
 * added, moved or removed), each confirmed before it is saved and undoable; and the audit trail read
 * back: "what changed this week?", "who changed KHOG's due date?". Manager only.
 */
import { showDate } from '../../domain/partialDate.js';
import { MessageFactory, type TurnContext } from 'botbuilder';
import {
    createManageConfirmCard,
    createManageGroupCard,
    createManageMenuCard,
    createManagePersonCard,
    createManagePolicyCard,
} from '../../cards/manage.js';
import { cardAttachment, type AdaptiveCardJson } from '../../cards/render.js';
import { describeAuditEntries, MAX_LISTED, parseAuditQuestion } from '../../domain/auditQuestion.js';
import { groupFinder } from '../../domain/groupNames.js';
import {
    describeChange,
    parseGroupChange,
    parsePersonChange,
    parsePolicyChange,
    type ManagerChange,
} from '../../domain/manage.js';
import { isAppError } from '../../errors.js';
import type { Protocol } from '../../domain/model.js';
import { todayIn } from '../../domain/partialDate.js';
import { AuditTrail } from '../../services/audit.js';
import { applyManagerChange, readCarriedChange, undoManagerChange } from '../../services/manage.js';
import { identifyAsker, type Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';
import { VERBS } from '../verbs.js';

export const MANAGER_ONLY =
    'Changes to the groups and the roster are made by the partnership manager. You can ask me "what\'s my group\'s next update?" or "which protocols are due for review?".';

/** "the KRS" where a document has a short upper-case name, else its title. */
const documentName = (p: Protocol) => {
    const short = p.aliases.find((a) => a.length <= 6 && a === a.toUpperCase());
    return short ? `the ${short}` : p.title;
};

const when = (deps: BotDeps) => showDate(deps.clock(), { zone: deps.config.timeZone, time: true });

async function managerOf(context: TurnContext, deps: BotDeps): Promise<Asker | undefined> {
    const asker = await identifyAsker(context, deps);
    return asker.person?.isManager ? asker : undefined;
}

/** Turns an expected failure into the words the manager reads; anything else goes to the error handler. */
function explain(err: unknown): string {
    if (isAppError(err)) return err.message;
    throw err;
}

export const manageFeature: Feature = {
    name: 'manage',
    intents: {
        manage: async ({ context, deps, asker, text }) => {
            if (!asker.person?.isManager) {
                await context.sendActivity(MANAGER_ONLY);
                return;
            }
            const data = deps.store.read();
            const named = groupFinder(data.groups).find(text)[0];
            let card: AdaptiveCardJson | undefined;
            if (
                named &&
                /\b(due|date|deadline|cadence|often|quarterly|monthly|report|reporting|stop|start)\b/i.test(text)
            )
                card = createManageGroupCard(data, named.id);
            else if (/\badd\b.*\b(someone|person|member|chair|vice|roster)\b/i.test(text))
                card = createManagePersonCard(data);
            else if (/\b(policy|review cycle)\b/i.test(text)) card = createManagePolicyCard(data);
            card ??= createManageMenuCard(data, named?.id);
            await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
        },
        'audit.changes': async ({ context, deps, asker, text, recognition }) => {
            if (!asker.person?.isManager) {
                await context.sendActivity(
                    "The record of changes is kept for the partnership manager. Ask me about a document or your group's next update instead.",
                );
                return;
            }
            const now = deps.clock();
            const data = deps.store.read();
            // A document named by its short name or title ("who changed the KRS?") narrows the question to it.
            const named = [...new Set(recognition.entities.filter((e) => e.type === 'protocol').map((e) => e.value))];
            const doc = named.length === 1 ? data.protocols.find((p) => p.id === named[0]) : undefined;
            const q = parseAuditQuestion(
                text,
                data.groups,
                now,
                deps.config.timeZone,
                doc && { id: doc.id, name: documentName(doc) },
            );
            const entries = await new AuditTrail(deps.store).find(q.query, now);
            const what = q.about ? ` to ${q.about}` : '';
            if (entries.length === 0) {
                await context.sendActivity(
                    `I have no record of a change${what} ${q.span}. I record changes made in Teams, from files and on the command line since the audit trail began.`,
                );
                return;
            }
            const lines = describeAuditEntries(entries, deps.config.timeZone);
            const more =
                entries.length > MAX_LISTED
                    ? `\n\n…and ${entries.length - MAX_LISTED} earlier changes: ask about a shorter span, such as "what changed today?".`
                    : '';
            await context.sendActivity(
                `${entries.length === 1 ? 'One change' : `${entries.length} changes`}${what} ${q.span}, newest first:\n\n${lines.map((l) => `- ${l}`).join('\n')}${more}`,
            );
        },
    },
    register(app, deps) {
        const on = (
            verb: string,
            handler: (
                asker: Asker,
                data: Record<string, unknown>,
                context: TurnContext,
            ) => Promise<AdaptiveCardJson | string>,
        ) =>
            app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, async (context, _state, data) => {
                const asker = await managerOf(context, deps);
                if (!asker) return MANAGER_ONLY;
                try {
                    return await handler(asker, data ?? {}, context);
                } catch (err) {
                    return explain(err);
                }
            });
        const str = (v: unknown) => (typeof v === 'string' ? v : '');

        on(VERBS.manageOpenGroup, async (_a, data) => {
            return (
                createManageGroupCard(deps.store.read(), str(data.groupId)) ??
                'That group is not in the partnership any more.'
            );
        });
        on(VERBS.manageOpenPerson, async (_a, data) => {
            const d = deps.store.read();
            if (str(data.add) === 'true') return createManagePersonCard(d)!;
            if (!str(data.personKey)) return 'Choose a person first, or press "Add someone".';
            return createManagePersonCard(d, str(data.personKey)) ?? 'That person is no longer on the roster.';
        });
        const preview = async (change: ManagerChange) => {
            const lines = describeChange(deps.store.read(), change);
            if (lines.length === 0) return 'That leaves everything as it is: nothing to change.';
            return createManageConfirmCard('confirm', lines, { change });
        };
        on(VERBS.managePreviewGroup, async (_a, data) =>
            preview(parseGroupChange(deps.store.read(), data, todayIn(deps.clock(), deps.config.timeZone))),
        );
        on(VERBS.managePreviewPerson, async (_a, data) => preview(parsePersonChange(deps.store.read(), data)));
        on(VERBS.manageOpenPolicy, async () => createManagePolicyCard(deps.store.read()));
        on(VERBS.managePreviewPolicy, async (_a, data) => preview(parsePolicyChange(deps.store.read(), data)));
        on(VERBS.manageConfirm, async (asker, data) => {
            const now = deps.clock();
            const change = readCarriedChange(deps.store, data.change, {
                now,
                zone: deps.config.timeZone,
                person: asker.person!,
            });
            const r = await applyManagerChange(deps.store, change, asker.person!, now);
            return createManageConfirmCard('applied', r.lines, {
                auditId: r.auditId,
                who: asker.person!.name,
                when: when(deps),
            });
        });
        on(VERBS.manageCancel, async () => createManageConfirmCard('cancelled', []));
        on(VERBS.manageUndo, async (asker, data) => {
            const r = await undoManagerChange(deps.store, str(data.auditId), asker.person!, deps.clock());
            return createManageConfirmCard('undone', r.lines, { who: asker.person!.name, when: when(deps) });
        });
    },
};
