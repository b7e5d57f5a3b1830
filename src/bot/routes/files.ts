/**
 * Spreadsheets through Teams, for the partnership manager: a CSV or .xlsx file sent in the one-to-one
 * chat is fetched (allow-listed host, size and time limits), read, and answered with a preview card
 * (for a group's action plan that does not name its group, after asking which group's it is);
 * Apply imports it, Cancel drops it, Undo puts back what it replaced. "Send me the roster" (or the
 * register, groups, objectives) answers with a signed, expiring link to a workbook the import reads
 * back unchanged. Anyone else's file is refused before anything is fetched.
 */
import { showDate } from '../../domain/partialDate.js';
import { MessageFactory, TurnContext, type Activity, type Attachment } from 'botbuilder';
import { cardAttachment } from '../../cards/render.js';
import {
    createImportChoiceCard,
    createImportDoneCard,
    createImportGroupCard,
    createImportPreviewCard,
} from '../../cards/imports.js';
import { IMPORT_KIND_NAMES, IMPORT_KINDS, TABLE_KINDS, type TableKind } from '../../domain/imports.js';
import { isAppError } from '../../errors.js';
import { fetchFile } from '../../files/fetchFile.js';
import {
    applyPendingImport,
    cancelPendingImport,
    previewAs,
    previewForGroup,
    previewImport,
    type ImportRefusal,
    readSpreadsheet,
    undoImport,
} from '../../services/imports.js';
import { identifyAsker, type Asker } from '../asker.js';
import type { BotDeps } from '../deps.js';
import type { Feature } from '../feature.js';
import { VERBS } from '../verbs.js';
import { exportUrl } from '../exportDownload.js';

/** The attachment Teams sends when a person shares a file with a bot in a one-to-one chat. */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

export const NOT_MANAGER_FILE =
    "Only the partnership manager can update the partnership's data from a file, so I have not opened it. Nothing was downloaded or changed.";

interface FileInfo {
    name: string;
    downloadUrl: string;
    fileType?: string;
}

function filesIn(attachments: Attachment[] | undefined): FileInfo[] {
    return (attachments ?? [])
        .filter((a) => a.contentType === FILE_DOWNLOAD_INFO)
        .map((a) => {
            const c = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
            return {
                name: typeof a.name === 'string' && a.name ? a.name.slice(0, 200) : 'the file',
                downloadUrl: typeof c.downloadUrl === 'string' ? c.downloadUrl : '',
                fileType: typeof c.fileType === 'string' ? c.fileType : undefined,
            };
        });
}

const when = (deps: BotDeps, at: Date) => showDate(at, { zone: deps.config.timeZone, time: true });

async function managerOf(context: TurnContext, deps: BotDeps): Promise<Asker | undefined> {
    const asker = await identifyAsker(context, deps);
    return asker.person?.isManager ? asker : undefined;
}

/** Reads, checks and previews one file, then posts the answer into the chat it came from. */
async function previewFile(deps: BotDeps, asker: Asker, file: FileInfo): Promise<Partial<Activity>> {
    try {
        const bytes = await fetchFile(file.downloadUrl, deps.config.files);
        const csv = await readSpreadsheet(bytes, file.name, file.fileType);
        const result = await previewImport(deps.store, { csv, fileName: file.name }, asker.person!, deps.clock());
        if ('preview' in result)
            return MessageFactory.attachment(cardAttachment(createImportPreviewCard(result.preview)));
        if ('choose' in result)
            return MessageFactory.attachment(
                cardAttachment(createImportChoiceCard(file.name, result.pendingId, result.choose)),
            );
        if ('chooseGroup' in result)
            return MessageFactory.attachment(
                cardAttachment(createImportGroupCard(result.fileName, result.pendingId, result.chooseGroup)),
            );
        return MessageFactory.text(`${refusalText(result.refusal)}\n\nFix these and send the file again.`);
    } catch (err) {
        if (isAppError(err)) return MessageFactory.text(err.message);
        deps.log.error({ err: (err as Error).message }, 'file import failed');
        return MessageFactory.text(
            `Something went wrong reading ${file.name}. Nothing was imported; please send it again.`,
        );
    }
}

/** A refused file in words: every problem, by row where there is one. */
function refusalText(refusal: ImportRefusal): string {
    const what = refusal.target ?? (refusal.kind ? IMPORT_KIND_NAMES[refusal.kind] : undefined);
    return `I can't import ${refusal.fileName}${what ? ` as ${what}` : ''}, so nothing was changed:\n\n${refusal.problems.map((p) => `- ${p}`).join('\n')}`;
}

async function onFile(context: TurnContext, deps: BotDeps): Promise<void> {
    const files = filesIn(context.activity.attachments);
    const asker = await managerOf(context, deps);
    if (!asker) {
        deps.log.info({ userId: context.activity.from?.id }, 'file from someone who is not the manager: not fetched');
        await context.sendActivity(NOT_MANAGER_FILE);
        return;
    }
    if ((context.activity.conversation?.conversationType ?? 'personal') !== 'personal') {
        await context.sendActivity(
            'Please send files to me in our one-to-one chat, where only you see the preview. Nothing was downloaded.',
        );
        return;
    }
    const [file, ...rest] = files;
    await context.sendActivity(
        `Reading ${file.name}…` +
            (rest.length ? ` (one file at a time: send ${rest.map((f) => f.name).join(', ')} again afterwards)` : ''),
    );
    // The download can take seconds: answer the turn now, and post the preview when it is ready, so
    // Teams does not redeliver a slow message.
    const reference = TurnContext.getConversationReference(context.activity);
    const adapter = context.adapter;
    deps.background.run(
        'posting the import preview',
        previewFile(deps, asker, file).then((reply) =>
            adapter.continueConversationAsync(deps.config.auth.appId ?? '', reference, async (c) => {
                await c.sendActivity(reply);
            }),
        ),
    );
}

const idOf = (data: Record<string, unknown>, field: string) =>
    typeof data[field] === 'string' ? data[field].slice(0, 120) : '';

/** The kinds named in a message ("send me the roster"), in the order the kinds are listed. */
export function exportKindsIn(text: string): TableKind[] {
    const t = text.toLowerCase();
    const words: Record<TableKind, RegExp> = {
        register: /\b(register|protocols?|documents?|guides?)\b/,
        groups: /\b(groups?|sub-?groups?)\b/,
        roster: /\b(roster|people|members?|chairs?|contacts?)\b/,
        objectives: /\b(objectives?|strategy)\b/,
    };
    return TABLE_KINDS.filter((k) => words[k].test(t));
}

export const filesFeature: Feature = {
    name: 'files',
    intents: {
        'data.export': async ({ context, deps, asker, text }) => {
            if (!asker.person?.isManager) {
                await context.sendActivity(
                    'The partnership\'s spreadsheets are kept by the partnership manager. You can ask me "which protocols are due for review?" or "what\'s my group\'s next update?".',
                );
                return;
            }
            const kinds = exportKindsIn(text);
            if (kinds.length === 0) {
                await context.sendActivity(
                    'Which spreadsheet would you like: **the register**, **the roster**, **the groups** or **the objectives**? For example: "send me the roster".',
                );
                return;
            }
            const lines = kinds.map(
                (k) =>
                    `- [${IMPORT_KIND_NAMES[k].replace(/^the /, '')} (.xlsx)](${exportUrl(deps, { kind: k, by: asker.person!.email })})`,
            );
            await context.sendActivity(
                `Here ${kinds.length === 1 ? 'is' : 'are'} ${kinds.map((k) => IMPORT_KIND_NAMES[k]).join(' and ')} as of now:\n\n${lines.join('\n')}\n\n` +
                    'Each link works for an hour. Change the workbook and send it back to me to import it: I will show you what would change first.',
            );
        },
    },
    register(app, deps) {
        app.message(
            async (context) => filesIn(context.activity.attachments).length > 0,
            async (context) => onFile(context, deps),
        );
        const refuse = (err: unknown) => {
            if (isAppError(err)) return err.message;
            throw err;
        };
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.importApply, async (context, _s, data) => {
            const asker = await managerOf(context, deps);
            if (!asker) return NOT_MANAGER_FILE;
            const now = deps.clock();
            try {
                const r = await applyPendingImport(
                    deps.store,
                    idOf(data, 'id'),
                    asker.person!,
                    now,
                    idOf(data, 'groupId') || undefined,
                );
                return createImportDoneCard('applied', { ...r, who: asker.person!.name, when: when(deps, now) });
            } catch (err) {
                if (isAppError(err, 'import.stale')) {
                    const pending = await previewAs(deps.store, idOf(data, 'id'), undefined, asker.person!, now).catch(
                        () => undefined,
                    );
                    if (pending && 'preview' in pending) {
                        await context.sendActivity(
                            MessageFactory.attachment(cardAttachment(createImportPreviewCard(pending.preview))),
                        );
                        return `${err.message} Here is a fresh preview against the data as it is now.`;
                    }
                }
                return refuse(err);
            }
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.importCancel, async (context, _s, data) => {
            const asker = await managerOf(context, deps);
            if (!asker) return NOT_MANAGER_FILE;
            const now = deps.clock();
            try {
                const p = await cancelPendingImport(deps.store, idOf(data, 'id'), asker.person!, now);
                return createImportDoneCard('cancelled', {
                    kind: p.kind,
                    fileName: p.fileName,
                    who: asker.person!.name,
                    when: when(deps, now),
                });
            } catch (err) {
                return refuse(err);
            }
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.importAs, async (context, _s, data) => {
            const asker = await managerOf(context, deps);
            if (!asker) return NOT_MANAGER_FILE;
            const kind = IMPORT_KINDS.find((k) => k === data.kind);
            if (!kind) return 'That is not a kind of file I import. Nothing was changed.';
            try {
                const r = await previewAs(deps.store, idOf(data, 'id'), kind, asker.person!, deps.clock());
                if ('preview' in r) return createImportPreviewCard(r.preview);
                if ('refusal' in r) return refusalText(r.refusal);
                if ('chooseGroup' in r) return createImportGroupCard(r.fileName, r.pendingId, r.chooseGroup);
                return 'Please choose one kind.';
            } catch (err) {
                return refuse(err);
            }
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.importGroup, async (context, _s, data) => {
            const asker = await managerOf(context, deps);
            if (!asker) return NOT_MANAGER_FILE;
            const groupId = idOf(data, 'groupId');
            if (!groupId) return 'Please choose the group whose action plan this is. Nothing was changed.';
            try {
                const r = await previewForGroup(deps.store, idOf(data, 'id'), groupId, asker.person!, deps.clock());
                if ('preview' in r) return createImportPreviewCard(r.preview);
                if ('refusal' in r) return `${refusalText(r.refusal)}\n\nFix these and send the file again.`;
                return 'Please choose the group whose action plan this is. Nothing was changed.';
            } catch (err) {
                return refuse(err);
            }
        });
        app.adaptiveCards.actionExecute<Record<string, unknown>>(VERBS.importUndo, async (context, _s, data) => {
            const asker = await managerOf(context, deps);
            if (!asker) return NOT_MANAGER_FILE;
            const now = deps.clock();
            try {
                const r = await undoImport(deps.store, idOf(data, 'auditId'), asker.person!, now);
                return createImportDoneCard('undone', { ...r, who: asker.person!.name, when: when(deps, now) });
            } catch (err) {
                return refuse(err);
            }
        });
    },
};
