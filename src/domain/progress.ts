/**
 * Progress updates: what a group says each period about its objectives (seed 002's template: for
 * each objective "action this period or planned action", a RAG rating where the group gives one, then
 * "other important matters since last update, including any cross sub-group working").
 *
 * A period's update is an append-only list of versions (drafts and submissions), each with who and
 * when; nothing is overwritten in place. These functions validate a submission against the store's
 * truth (never the card's own checks) and decide what to append; the store does the durable write.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { HELP_FROM, MILESTONE_STATES, partialDate, type Objective, type StoreData } from './model.js';
import type { Person } from './people.js';
import { periodLabel } from './schedule.js';

/** Limits, documented in the README. Long enough for the papers' several-paragraph updates. */
export const LIMITS = {
    sectionText: 8000,
    otherMatters: 8000,
    concernsGroups: 20,
} as const;

export const RAG_VALUES = ['green', 'amber', 'red', 'not_rated'] as const;
export type Rag = (typeof RAG_VALUES)[number];

export const sectionSchema = z.object({
    ref: z.string(),
    text: z.string().max(LIMITS.sectionText),
    rag: z.enum(RAG_VALUES),
    /** True when the group chose "no change since last update": the text is carried forward. */
    noChange: z.boolean(),
});
export type Section = z.infer<typeof sectionSchema>;

/** A chair's update to one milestone on the form: its state, and the new target when it slipped. */
export const milestoneUpdateSchema = z.object({
    id: z.string(),
    state: z.enum(MILESTONE_STATES),
    newTarget: partialDate.optional(),
});
export type MilestoneUpdate = z.infer<typeof milestoneUpdateSchema>;

/** "Help needed" on an objective, as the chair flagged it on the form. */
export const helpFlagSchema = z.object({
    ref: z.string(),
    from: z.enum(HELP_FROM),
    fromGroupId: z.string().optional(),
    need: z.string().max(2000),
});
export type HelpFlag = z.infer<typeof helpFlagSchema>;

export const versionSchema = z.object({
    version: z.number().int().min(1),
    kind: z.enum(['draft', 'submitted']),
    sections: z.array(sectionSchema),
    otherMatters: z.string().max(LIMITS.otherMatters),
    concernsGroups: z.array(z.string()).max(LIMITS.concernsGroups),
    by: z.object({ email: z.string(), name: z.string() }),
    /** Set when the partnership manager saved it for the group. */
    onBehalf: z.boolean().default(false),
    at: z.string(),
    /** Hash of the content, to recognise a repeated click. */
    digest: z.string(),
    /** The milestones as the chair left them on the form (applied to the store when submitted). */
    milestones: z.array(milestoneUpdateSchema).optional(),
    /** New "help needed" flags. */
    help: z.array(helpFlagSchema).optional(),
    /** Earlier help requests the chair said were resolved, by id. */
    resolvedHelp: z.array(z.string()).optional(),
});
export type UpdateVersion = z.infer<typeof versionSchema>;

export const updateDocSchema = z.object({
    groupId: z.string(),
    period: z.string(),
    versions: z.array(versionSchema),
});
export type UpdateDoc = z.infer<typeof updateDocSchema>;

export function emptyUpdate(key: string): UpdateDoc {
    const [groupId, period] = key.split('/');
    return { groupId, period, versions: [] };
}

export function updateKey(groupId: string, period: string): string {
    return `${groupId}/${period}`;
}

export type UpdateState =
    | { state: 'not_started' }
    | { state: 'draft'; by: string; at: string; version: number }
    | { state: 'submitted'; by: string; at: string; version: number; onBehalf: boolean; editing: boolean };

/** Where a period's update stands. */
export function updateState(doc: UpdateDoc | undefined): UpdateState {
    const versions = doc?.versions ?? [];
    if (versions.length === 0) return { state: 'not_started' };
    const lastSubmitted = [...versions].reverse().find((v) => v.kind === 'submitted');
    const last = versions[versions.length - 1];
    if (!lastSubmitted) return { state: 'draft', by: last.by.name, at: last.at, version: last.version };
    return {
        state: 'submitted',
        by: lastSubmitted.by.name,
        at: lastSubmitted.at,
        version: lastSubmitted.version,
        onBehalf: lastSubmitted.onBehalf,
        editing: last.kind === 'draft',
    };
}

/** The latest version (draft or submitted), which a form continues from. */
export function latestVersion(doc: UpdateDoc | undefined): UpdateVersion | undefined {
    return doc?.versions[doc.versions.length - 1];
}

/** The latest submitted version: what the group "said" for the period. */
export function submittedVersion(doc: UpdateDoc | undefined): UpdateVersion | undefined {
    return doc ? [...doc.versions].reverse().find((v) => v.kind === 'submitted') : undefined;
}

/** The objectives a group reports on, with the group's own contribution. */
export function objectivesOf(
    data: Pick<StoreData, 'objectives'>,
    groupId: string,
): (Objective & { contribution: string })[] {
    return data.objectives.flatMap((o) => {
        const c = o.contributions.find((x) => x.groupId === groupId);
        return c ? [{ ...o, contribution: c.contribution }] : [];
    });
}

/** Who may write a group's update: its chair or vice-chair, or the partnership manager on their behalf. */
export function canWriteUpdate(person: Person | undefined, groupId: string): { allowed: boolean; onBehalf: boolean } {
    if (!person) return { allowed: false, onBehalf: false };
    if (person.entries.some((e) => e.groupId === groupId && (e.role === 'chair' || e.role === 'vice_chair'))) {
        return { allowed: true, onBehalf: false };
    }
    if (person.isManager) return { allowed: true, onBehalf: true };
    return { allowed: false, onBehalf: false };
}

/** What a card sends when the chair saves or submits: input values keyed by input id. */
export const submissionSchema = z
    .object({
        groupId: z.string().min(1).max(80),
        period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a period is YYYY-MM'),
        /** The version the card was showing (0 for a new update): detects replays and stale cards. */
        basedOn: z.coerce.number().int().min(0),
        otherMatters: z
            .string()
            .max(LIMITS.otherMatters, `"Other matters" is limited to ${LIMITS.otherMatters} characters`)
            .optional(),
        concerns: z.union([z.string().max(2000), z.array(z.string().max(80)).max(LIMITS.concernsGroups)]).optional(),
    })
    .passthrough();

export interface Submission {
    groupId: string;
    period: string;
    basedOn: number;
    kind: 'draft' | 'submitted';
    sections: Section[];
    otherMatters: string;
    concernsGroups: string[];
    milestones: MilestoneUpdate[];
    help: HelpFlag[];
    resolvedHelp: string[];
}

/**
 * A problem with one input of the progress form: the input's id (`text_HW9`, `otherMatters`,
 * `helpneed_HW9`, `msdate_<milestone>`) and what to do, naming only controls the form has. A refusal
 * carries them as `details.fields`, so the form can be shown again with each one at its input.
 */
export interface FieldProblem {
    field: string;
    message: string;
}

/** The field problems an AppError from `parseSubmission` carries (none for other refusals). */
export function fieldProblemsOf(err: AppError): FieldProblem[] {
    const fields = err.details?.fields;
    return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
}

const field = (raw: Record<string, unknown>, name: string): unknown =>
    Object.hasOwn(raw, name) ? raw[name] : undefined;

/**
 * Turns a card's raw data into a checked submission, against the store: the group exists, the period
 * is a real period, every objective is the group's, every RAG is known, every text within its limit.
 * Throws AppError with a message for the person; nothing is stored by this function.
 */
export function parseSubmission(
    raw: unknown,
    kind: 'draft' | 'submitted',
    data: Pick<StoreData, 'groups' | 'objectives'> & Partial<Pick<StoreData, 'milestones' | 'helpRequests'>>,
    previous: UpdateVersion | undefined,
): Submission {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new AppError(
            'progress.malformed',
            'That form could not be read. Nothing was saved; please open the form again.',
        );
    }
    const parsed = submissionSchema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('progress.malformed', `That form could not be saved: ${issue.message}. Nothing was saved.`);
    }
    const input = parsed.data as Record<string, unknown> & z.infer<typeof submissionSchema>;
    const group = data.groups.find((g) => g.id === input.groupId);
    if (!group?.reports)
        throw new AppError('progress.unknownGroup', 'That form is for a group I do not know. Nothing was saved.');
    const objectives = objectivesOf(data, group.id);

    // Any text_/rag_/nochange_ field must name one of this group's objectives.
    for (const key of Object.keys(input)) {
        const m = /^(text|rag|nochange)_(.+)$/.exec(key);
        if (m && !objectives.some((o) => o.ref === m[2])) {
            throw new AppError(
                'progress.unknownObjective',
                `"${m[2].slice(0, 20)}" is not one of ${group.name}'s objectives. Nothing was saved.`,
            );
        }
    }

    const sections: Section[] = objectives.map((o) => {
        const noChange = ['true', true].includes(field(input, `nochange_${o.ref}`) as string | boolean);
        const rawText = field(input, `text_${o.ref}`) ?? '';
        if (typeof rawText !== 'string')
            throw new AppError('progress.malformed', `The text for ${o.ref} could not be read. Nothing was saved.`);
        const rawRag = field(input, `rag_${o.ref}`) ?? 'not_rated';
        if (typeof rawRag !== 'string' || !(RAG_VALUES as readonly string[]).includes(rawRag || 'not_rated')) {
            throw new AppError(
                'progress.badRag',
                `The rating for ${o.ref} must be green, amber, red or not rated. Nothing was saved.`,
            );
        }
        const last = previous?.sections.find((s) => s.ref === o.ref);
        const text = noChange ? (last?.text ?? '') : rawText.trim();
        if (text.length > LIMITS.sectionText) {
            throw new AppError(
                'progress.tooLong',
                `The text for ${o.ref} is ${text.length} characters; the limit is ${LIMITS.sectionText}. Nothing was saved.`,
            );
        }
        return { ref: o.ref, text, rag: (rawRag || 'not_rated') as Rag, noChange };
    });

    const otherMatters = (typeof input.otherMatters === 'string' ? input.otherMatters : '').trim();
    // What the person left out or wrote wrongly, each at its own input, so the form can say it there.
    const fields: FieldProblem[] = [];
    let refusal: { code: string; message: string } | undefined;
    if (kind === 'submitted') {
        // The card's own controls only: a "no change" box is on the form only where last time's text is
        // (the form's `hasLast`), so only there may a message ask for it to be ticked.
        const hasToggle = (ref: string) => Boolean(previous?.sections.find((s) => s.ref === ref)?.text);
        const wroteSomething = sections.some((s) => s.noChange || s.text !== '') || otherMatters !== '';
        const missing = sections.filter((s) => !s.noChange && s.text === '');
        for (const s of missing)
            fields.push({
                field: `text_${s.ref}`,
                message: `Write what the group did this period or plans to do for ${s.ref}${hasToggle(s.ref) ? ', or tick "No change since last update"' : ''}.`,
            });
        if (!wroteSomething) {
            if (sections.length === 0)
                fields.push({
                    field: 'otherMatters',
                    message: "Write the group's news here: with no objectives assigned, this is the whole update.",
                });
            const boxes =
                sections.length === 0
                    ? '"Other important matters since last update"'
                    : `"Action this period or planned action" for an objective${sections.some((s) => hasToggle(s.ref)) ? ', tick "No change since last update"' : ''}, or fill in "Other important matters since last update"`;
            refusal = {
                code: 'progress.empty',
                message: `This update is empty, so it was not submitted. Please write in ${boxes} first. Nothing was saved.`,
            };
        } else if (missing.length > 0) {
            const anyToggle = missing.some((s) => hasToggle(s.ref));
            refusal = {
                code: 'progress.incomplete',
                message: `Please write something for ${missing.map((s) => s.ref).join(', ')}${anyToggle ? ' (or tick "No change since last update")' : ''} before submitting. Nothing was saved, and your text is still in the form.`,
            };
        }
    }
    const strategy = parseStrategyFields(input, group, objectives, data, kind, fields);
    if (!refusal && fields.length > 0)
        refusal = {
            code: fields[0].field.startsWith('msdate_') ? 'progress.badMilestone' : 'progress.badHelp',
            message: `${fields.map((f) => f.message).join(' ')} Nothing was saved, and your text is still in the form.`,
        };
    if (refusal) throw new AppError(refusal.code, refusal.message, { fields });

    const concerns = typeof input.concerns === 'string' ? input.concerns.split(',') : (input.concerns ?? []);
    const concernsGroups = [...new Set(concerns.map((c) => c.trim()).filter(Boolean))];
    for (const g of concernsGroups) {
        if (!data.groups.some((x) => x.id === g))
            throw new AppError(
                'progress.unknownGroup',
                `"${g.slice(0, 40)}" is not a group I know. Nothing was saved.`,
            );
    }
    return {
        groupId: group.id,
        period: input.period,
        basedOn: input.basedOn,
        kind,
        sections,
        otherMatters,
        concernsGroups: concernsGroups.filter((g) => g !== group.id),
        ...strategy,
    };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The form's milestone and help fields: `ms_<id>` (a state) and `msdate_<id>` (a new target, YYYY-MM
 * or YYYY-MM-DD) for each of the group's milestones; `help_<ref>` (a toggle), `helpfrom_<ref>`
 * (`board`, `manager` or `group:<id>`) and `helpneed_<ref>` for each objective; `helpresolved_<id>`
 * (`yes`) for each of the group's open requests. Anything naming what is not the group's is refused.
 */
function parseStrategyFields(
    input: Record<string, unknown>,
    group: { id: string; name: string },
    objectives: { ref: string }[],
    data: Partial<Pick<StoreData, 'milestones' | 'helpRequests' | 'groups'>>,
    kind: 'draft' | 'submitted',
    fields: FieldProblem[],
): Pick<Submission, 'milestones' | 'help' | 'resolvedHelp'> {
    const own = (data.milestones ?? []).filter((m) => m.groupId === group.id);
    const openHelp = (data.helpRequests ?? []).filter((h) => h.groupId === group.id && !h.resolved);
    for (const key of Object.keys(input)) {
        const m = /^(ms|msdate|help|helpfrom|helpneed|helpresolved)_(.+)$/.exec(key);
        if (!m) continue;
        const known =
            m[1] === 'ms' || m[1] === 'msdate'
                ? own.some((x) => x.id === m[2])
                : m[1] === 'helpresolved'
                  ? openHelp.some((h) => h.id === m[2])
                  : objectives.some((o) => o.ref === m[2]);
        if (!known)
            throw new AppError(
                'progress.unknownObjective',
                `"${m[2].slice(0, 40)}" is not one of ${group.name}'s ${m[1].startsWith('ms') ? 'milestones' : m[1] === 'helpresolved' ? 'open help requests' : 'objectives'}. Nothing was saved.`,
            );
    }
    const milestones: MilestoneUpdate[] = [];
    for (const m of own) {
        if (!Object.hasOwn(input, `ms_${m.id}`)) continue;
        const state = text(input[`ms_${m.id}`]);
        if (!(MILESTONE_STATES as readonly string[]).includes(state))
            throw new AppError(
                'progress.badMilestone',
                `The state of the milestone "${m.description.slice(0, 60)}" must be not started, on track, done, slipped or dropped. Nothing was saved.`,
            );
        const date = text(input[`msdate_${m.id}`]);
        if (date && !partialDate.safeParse(date).success) {
            fields.push({
                field: `msdate_${m.id}`,
                message: `The new date for "${m.description.slice(0, 60)}" must be a month (2027-03) or a day (2027-03-31).`,
            });
            continue;
        }
        milestones.push({
            id: m.id,
            state: state as MilestoneUpdate['state'],
            ...(state === 'slipped' && date ? { newTarget: date } : {}),
        });
    }
    const help: HelpFlag[] = [];
    for (const o of objectives) {
        if (!['true', true].includes(input[`help_${o.ref}`] as string | boolean)) continue;
        const need = text(input[`helpneed_${o.ref}`]);
        const fromRaw = text(input[`helpfrom_${o.ref}`]) || 'manager';
        const [from, fromGroupId] = fromRaw.startsWith('group:') ? ['group', fromRaw.slice(6)] : [fromRaw, undefined];
        if (
            !(HELP_FROM as readonly string[]).includes(from) ||
            (from === 'group' && !(data.groups ?? []).some((g) => g.id === fromGroupId))
        )
            throw new AppError(
                'progress.badHelp',
                `Who the help for ${o.ref} is asked from could not be read. Nothing was saved.`,
            );
        if (!need && kind === 'submitted') {
            fields.push({
                field: `helpneed_${o.ref}`,
                message: `Say what help is needed for ${o.ref}, or untick "Help needed with this objective".`,
            });
            continue;
        }
        if (need.length > 2000)
            throw new AppError(
                'progress.tooLong',
                `What is needed for ${o.ref} is limited to 2000 characters. Nothing was saved.`,
            );
        help.push({ ref: o.ref, from: from as HelpFlag['from'], ...(fromGroupId ? { fromGroupId } : {}), need });
    }
    const resolvedHelp = openHelp.filter((h) => text(input[`helpresolved_${h.id}`]) === 'yes').map((h) => h.id);
    return { milestones, help, resolvedHelp };
}

function contentDigest(
    s: Pick<Submission, 'kind' | 'sections' | 'otherMatters' | 'concernsGroups'> &
        Partial<Pick<Submission, 'milestones' | 'help' | 'resolvedHelp'>>,
): string {
    return createHash('sha256')
        .update(
            JSON.stringify([
                s.kind,
                s.sections,
                s.otherMatters,
                s.concernsGroups,
                s.milestones,
                s.help,
                s.resolvedHelp,
            ]),
        )
        .digest('hex')
        .slice(0, 32);
}

export type AppendResult =
    { appended: true; version: UpdateVersion } | { appended: false; version: UpdateVersion; repeated: true };

/**
 * Appends a version to the period's update, inside the store's transaction. A click repeated from the
 * same card (same content, same person, based on the version before the latest) saves nothing new and
 * returns the latest version; a card showing an older version than the latest is refused.
 */
export function appendVersion(
    doc: UpdateDoc,
    submission: Submission,
    author: { email: string; name: string; onBehalf: boolean },
    closed: boolean,
    now: Date,
): AppendResult {
    if (closed) {
        throw new AppError(
            'progress.closed',
            `The ${periodLabel(submission.period)} has been closed by the partnership manager, so it can no longer be changed. Nothing was saved; ask the partnership manager to reopen it if it should be.`,
        );
    }
    const latest = doc.versions[doc.versions.length - 1];
    const current = latest?.version ?? 0;
    const digest = contentDigest(submission);
    if (submission.basedOn !== current) {
        if (
            latest &&
            submission.basedOn === current - 1 &&
            latest.digest === digest &&
            latest.by.email === author.email
        ) {
            return { appended: false, version: latest, repeated: true };
        }
        throw new AppError(
            'progress.stale',
            `This form is out of date: version ${current} was saved by ${latest?.by.name ?? 'someone'} since it was opened. Nothing was saved; open the form again to see the latest.`,
        );
    }
    const version: UpdateVersion = {
        version: current + 1,
        kind: submission.kind,
        sections: submission.sections,
        otherMatters: submission.otherMatters,
        concernsGroups: submission.concernsGroups,
        by: { email: author.email, name: author.name },
        onBehalf: author.onBehalf,
        at: now.toISOString(),
        digest,
        milestones: submission.milestones ?? [],
        help: submission.help ?? [],
        resolvedHelp: submission.resolvedHelp ?? [],
    };
    doc.versions.push(version);
    return { appended: true, version };
}
