/**
 * The partnership manager's small changes, made from a card: a group's cadence, next due date and
 * whether it reports; a person added to the roster, moved to another role or group, or removed. Each
 * is checked here (the card's own validation can be bypassed), described in words before it is made,
 * and applied only if what it changes is still as the manager saw it. Pure functions over the data.
 */
import { DateTime } from 'luxon';
import { AppError } from '../errors.js';
import { ROLES, type Group, type Protocol, type Role, type RosterEntry, type StoreData } from './model.js';
import { showDate } from './partialDate.js';
import {
    describeRegisterChange,
    historyChanges,
    registerFieldsOf,
    sameRegisterFields,
    setRegisterFields,
    type RegisterChange,
    type RegisterPlan,
} from './registerChanges.js';

/** A group's settings the manager changes from a card, with where its schedule comes from. */
export interface GroupSettings {
    cadenceMonths: 3 | 6;
    /** Absent for a group that does not report. */
    nextUpdateDue?: string;
    reports: boolean;
    /** The assumptions the schedule rests on (a demo value, an assumed day); gone once the manager sets it. */
    assumptions?: string[];
    /** Who set the schedule from Teams, and when; stamped when the change is applied. */
    setBy?: { name: string; at: string };
}

/** One roster line as the card shows it; the key of a line is its e-mail and group. */
export interface PersonLine {
    name: string;
    email: string;
    role: Role;
    groupId: string | null;
}

/** A change, as carried from the form to the confirmation card and back. */
export type ManagerChange =
    | { kind: 'group'; groupId: string; before: GroupSettings; after: GroupSettings }
    | { kind: 'person'; before?: PersonLine; after?: PersonLine }
    /** The register's review-cycle policy, in months; absent while unset. */
    | { kind: 'policy'; before?: number; after?: number }
    | RegisterDocumentChange;

/**
 * A change to one document in the register (mark reviewed, start a review, set its state, add a note):
 * its fields before and after, and the entry it adds to the document's history.
 */
export interface RegisterDocumentChange extends RegisterPlan {
    kind: 'register';
    /** The document's id. */
    id: string;
    /** The change as the manager asked for it, read again when confirmed; absent for an undo. */
    request?: RegisterChange;
    /** The confirmation card it came from (`<ISO instant>-<random>`): a second Confirm is not applied twice. */
    plan?: string;
    /** For an undo: the instant of the change undone, whose history entry is taken off. */
    undoing?: string;
}

/** The shape of a confirmation card's plan: the instant the card was made, then a random part. */
export const PLAN_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{8}$/;

/**
 * Reads the policy form (`months`: a whole number of months from 1 to 240, or empty for no policy).
 * Throws AppError `manage.invalid`.
 */
export function parsePolicyChange(
    data: Pick<StoreData, 'settings'>,
    raw: Record<string, unknown>,
): ManagerChange & { kind: 'policy' } {
    const text = str(raw.months);
    const months = text === '' ? undefined : Number(text);
    if (months !== undefined && (!Number.isInteger(months) || months < 1 || months > 240))
        throw new AppError(
            'manage.invalid',
            'Review cycle: give a whole number of months from 1 to 240, or leave it empty for no policy.',
        );
    return { kind: 'policy', before: data.settings.reviewCycle?.months, after: months };
}

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function settingsOf(group: Group): GroupSettings {
    return {
        cadenceMonths: group.cadenceMonths,
        nextUpdateDue: group.nextUpdateDue,
        reports: group.reports,
        assumptions: group.assumptions?.length ? group.assumptions : undefined,
        setBy: group.scheduleSetBy,
    };
}

const scheduleChanged = (a: GroupSettings, b: GroupSettings) =>
    a.cadenceMonths !== b.cadenceMonths || a.nextUpdateDue !== b.nextUpdateDue;

/**
 * The change with its source stamped: a group whose cadence or due date the manager sets is no longer
 * on assumptions but on the manager's word, `name` at `at` (ISO instant). Other changes are returned as
 * they are.
 */
export function stampSource(change: ManagerChange, name: string, at: string): ManagerChange {
    if (change.kind !== 'group' || !scheduleChanged(change.before, change.after)) return change;
    return { ...change, after: { ...change.after, assumptions: undefined, setBy: { name, at } } };
}

export function lineOf(entry: RosterEntry): PersonLine {
    return { name: entry.name, email: entry.email, role: entry.role, groupId: entry.groupId };
}

const sameLine = (a: Pick<PersonLine, 'email' | 'groupId'>, b: Pick<PersonLine, 'email' | 'groupId'>) =>
    a.email.toLowerCase() === b.email.toLowerCase() && a.groupId === b.groupId;

/**
 * Reads the group form (`groupId`, `cadenceMonths` "3" or "6", `nextUpdateDue` YYYY-MM-DD, `reports`
 * "true"/"false") against the data as it is. Throws AppError `manage.invalid` naming every field
 * that is wrong.
 */
export function parseGroupChange(
    data: Pick<StoreData, 'groups'>,
    raw: Record<string, unknown>,
    today?: string,
): ManagerChange & { kind: 'group' } {
    const group = data.groups.find((g) => g.id === str(raw.groupId));
    if (!group)
        throw new AppError('manage.invalid', 'That group is not in the partnership any more. Nothing was changed.');
    const problems: string[] = [];
    const cadence = Number(str(raw.cadenceMonths) || group.cadenceMonths);
    if (cadence !== 3 && cadence !== 6) problems.push('How often: choose every 3 or every 6 months.');
    const reports = raw.reports === undefined ? group.reports : str(raw.reports) === 'true';
    const due = str(raw.nextUpdateDue) || undefined;
    if (due && !ISO_DAY.test(due)) problems.push('Next update due: give a date.');
    if (reports && !due) problems.push('Next update due: a group that reports needs the date of its next update.');
    // A date more than one cadence back would make every update since it owed at once, and late.
    if (
        due &&
        today &&
        ISO_DAY.test(due) &&
        (cadence === 3 || cadence === 6) &&
        DateTime.fromISO(due) < DateTime.fromISO(today).minus({ months: cadence })
    )
        problems.push(
            `Next update due: ${showDate(due)} is more than ${cadence} months ago, so every update since would be owed at once. Give the date of the update the group owes now.`,
        );
    if (problems.length) throw new AppError('manage.invalid', problems.join(' '));
    return {
        kind: 'group',
        groupId: group.id,
        before: settingsOf(group),
        after: {
            cadenceMonths: cadence as 3 | 6,
            nextUpdateDue: reports ? due : undefined,
            reports,
            assumptions: settingsOf(group).assumptions,
            setBy: group.scheduleSetBy,
        },
    };
}

/**
 * Reads the person form: `originalEmail`/`originalGroupId` name the roster line being changed (absent
 * when adding), `remove` "true" removes it, otherwise `name`, `email`, `role` and `groupId` give the
 * line as it should be. Throws AppError `manage.invalid` naming every field that is wrong.
 */
export function parsePersonChange(
    data: Pick<StoreData, 'groups' | 'roster'>,
    raw: Record<string, unknown>,
): ManagerChange & { kind: 'person' } {
    const originalEmail = str(raw.originalEmail);
    const originalGroup = str(raw.originalGroupId) || null;
    const existing = originalEmail
        ? data.roster.find((e) => sameLine(e, { email: originalEmail, groupId: originalGroup }))
        : undefined;
    if (originalEmail && !existing)
        throw new AppError(
            'manage.invalid',
            `${originalEmail} is no longer on the roster in that role. Nothing was changed.`,
        );
    if (str(raw.remove) === 'true') {
        if (!existing) throw new AppError('manage.invalid', 'Choose who to remove. Nothing was changed.');
        return { kind: 'person', before: lineOf(existing) };
    }
    const problems: string[] = [];
    const name = str(raw.name);
    // E-mail addresses are kept in lower case: Teams and Entra ID match them without case.
    const email = str(raw.email).toLowerCase();
    const role = ROLES.find((r) => r === str(raw.role));
    const groupId = role === 'manager' || role === 'observer' ? null : str(raw.groupId) || null;
    if (!name) problems.push("Name: give the person's name.");
    if (name.length > 200) problems.push('Name: at most 200 characters.');
    if (!EMAIL.test(email) || email.length > 254)
        problems.push('E-mail: give a work e-mail address, such as name@council.gov.uk.');
    if (!role) problems.push('Role: choose chair, vice-chair, member, partnership manager or observer.');
    if (role && role !== 'manager' && role !== 'observer' && !data.groups.some((g) => g.id === groupId))
        problems.push('Group: choose the group.');
    const after = { name, email, role: role ?? 'member', groupId };
    if (!problems.length) {
        const clash = data.roster.find((e) => sameLine(e, after) && !(existing && sameLine(existing, e)));
        if (clash)
            problems.push(
                `${clash.name} (${email}) is already on the roster ${groupId ? 'in that group' : `as ${roleWords[after.role]}`}.`,
            );
    }
    if (problems.length) throw new AppError('manage.invalid', problems.join(' '));
    return { kind: 'person', before: existing ? lineOf(existing) : undefined, after };
}

const groupName = (data: Pick<StoreData, 'groups'>, id: string | null) =>
    id === null ? 'the partnership' : (data.groups.find((g) => g.id === id)?.name ?? id);
const roleWords: Record<Role, string> = {
    chair: 'chair',
    vice_chair: 'vice-chair',
    member: 'member',
    manager: 'partnership manager',
    observer: 'observer (Board member)',
};
const every = (m: number) => `every ${m} months`;
const dueWords = (d?: string) => (d ? showDate(d) : 'no date');

/** The change in words, one line per thing it changes: what the confirmation card and the audit trail say. */
export function describeChange(data: Pick<StoreData, 'groups' | 'roster'>, change: ManagerChange): string[] {
    if (change.kind === 'register')
        return describeRegisterChange(
            change.title,
            change.before,
            change.after,
            change.undoing ? undefined : change.event.note,
        );
    if (change.kind === 'policy') {
        if (change.before === change.after) return [];
        const was = change.before ? `every ${change.before} months` : 'no policy: no date worked out from a cycle';
        return [
            change.after
                ? `Documents that state no review cycle of their own fall due every ${change.after} months after their last review (or publication), as the partnership's policy (was: ${was})`
                : `No review-cycle policy: documents that state no cycle of their own get no review date worked out (was: ${was})`,
        ];
    }
    if (change.kind === 'group') {
        const name = groupName(data, change.groupId);
        const { before: b, after: a } = change;
        const lines: string[] = [];
        if (b.reports !== a.reports)
            lines.push(
                a.reports ? `${name} starts sending progress updates` : `${name} stops sending progress updates`,
            );
        if (b.cadenceMonths !== a.cadenceMonths)
            lines.push(`${name} reports ${every(a.cadenceMonths)} instead of ${every(b.cadenceMonths)}`);
        if (a.reports && b.nextUpdateDue !== a.nextUpdateDue)
            lines.push(
                `${name}'s next update is due on ${dueWords(a.nextUpdateDue)} instead of ${dueWords(b.nextUpdateDue)}`,
            );
        return lines;
    }
    const { before: b, after: a } = change;
    if (!a && b)
        return [`${b.name} (${b.email}) leaves the roster as ${roleWords[b.role]} of ${groupName(data, b.groupId)}`];
    if (a && !b)
        return [
            `${a.name} (${a.email}) joins the roster as ${roleWords[a.role]} of ${groupName(data, a.groupId)}`,
            ...secondHolder(data, a),
        ];
    if (!a || !b) return [];
    const lines: string[] = [];
    if (b.name !== a.name) lines.push(`${b.name} is renamed ${a.name}`);
    if (b.email.toLowerCase() !== a.email.toLowerCase())
        lines.push(`${a.name}'s e-mail changes from ${b.email} to ${a.email}`);
    if (b.role !== a.role || b.groupId !== a.groupId)
        lines.push(
            `${a.name} becomes ${roleWords[a.role]} of ${groupName(data, a.groupId)} instead of ${roleWords[b.role]} of ${groupName(data, b.groupId)}`,
        );
    if (lines.length && (b.role !== a.role || b.groupId !== a.groupId)) lines.push(...secondHolder(data, a, b));
    return lines;
}

/**
 * A chair or vice-chair line for a group that already has one: said before it is confirmed, as a group
 * has one chair and one vice-chair unless the manager means it to have two.
 */
function secondHolder(data: Pick<StoreData, 'groups' | 'roster'>, a: PersonLine, b?: PersonLine): string[] {
    if ((a.role !== 'chair' && a.role !== 'vice_chair') || !a.groupId) return [];
    const others = data.roster.filter(
        (e) =>
            e.groupId === a.groupId &&
            e.role === a.role &&
            e.email.toLowerCase() !== a.email.toLowerCase() &&
            !(b && sameLine(e, b)),
    );
    if (others.length === 0) return [];
    const names = others.map((e) => e.name).join(' and ');
    return [
        `Note: ${groupName(data, a.groupId)} already has ${names} as ${roleWords[a.role]}, so it would have two; to replace ${names}, change or remove ${others.length === 1 ? 'that line' : 'those lines'} as well`,
    ];
}

/**
 * What a confirmation card carries back to Confirm. A document change carries only what is read again
 * then (the request, the document's fields as the manager saw them, the plan): the rest is worked out
 * afresh, which also keeps the card small.
 */
export function carriedChange(change: ManagerChange): unknown {
    if (change.kind !== 'register') return change;
    return { kind: 'register', id: change.id, plan: change.plan, request: change.request, before: change.before };
}

/** The change the other way round: what Undo applies. */
export function reverseChange(change: ManagerChange): ManagerChange {
    if (change.kind === 'group') return { ...change, before: change.after, after: change.before };
    if (change.kind === 'policy') return { kind: 'policy', before: change.after, after: change.before };
    if (change.kind === 'register')
        return {
            kind: 'register',
            id: change.id,
            title: change.title,
            before: change.after,
            after: change.before,
            event: { kind: 'edited', note: 'Undone: a change made in error was taken back.' },
        };
    return { kind: 'person', before: change.after, after: change.before };
}

/**
 * Applies the change to `draft` (`by` records who set a policy or changed a document, and when) if
 * what it changes is still as `before` says; otherwise throws AppError `manage.stale` and changes
 * nothing. A document change whose confirmation was already applied throws AppError `manage.done`.
 */
export function applyChange(draft: StoreData, change: ManagerChange, by: { who: string; at: string }): void {
    const stale = () =>
        alreadyMade(draft, change)
            ? new AppError(
                  'manage.done',
                  'That change is already in place (this Confirm was pressed before, or the same change was made since), so nothing was changed again.',
              )
            : new AppError(
                  'manage.stale',
                  'That has been changed by someone else since this card was made. Nothing was changed: ask again to see it as it is now.',
              );
    if (change.kind === 'register') {
        applyDocumentChange(draft, change, by, stale);
        return;
    }
    if (change.kind === 'policy') {
        if (draft.settings.reviewCycle?.months !== change.before) throw stale();
        if (change.after) draft.settings.reviewCycle = { months: change.after, setBy: by.who, setAt: by.at };
        else delete draft.settings.reviewCycle;
        return;
    }
    if (change.kind === 'group') {
        const group = draft.groups.find((g) => g.id === change.groupId);
        if (!group || JSON.stringify(settingsOf(group)) !== JSON.stringify(change.before)) throw stale();
        group.cadenceMonths = change.after.cadenceMonths;
        group.reports = change.after.reports;
        if (change.after.nextUpdateDue) group.nextUpdateDue = change.after.nextUpdateDue;
        else delete group.nextUpdateDue;
        if (change.after.assumptions?.length) group.assumptions = change.after.assumptions;
        else delete group.assumptions;
        if (change.after.setBy) group.scheduleSetBy = change.after.setBy;
        else delete group.scheduleSetBy;
        return;
    }
    const { before, after } = change;
    const index = before ? draft.roster.findIndex((e) => sameLine(e, before)) : -1;
    if (before && (index < 0 || JSON.stringify(lineOf(draft.roster[index])) !== JSON.stringify(before))) throw stale();
    if (after && draft.roster.some((e, i) => i !== index && sameLine(e, after))) throw stale();
    const kept = index >= 0 ? draft.roster[index] : undefined;
    if (after) {
        const entry: RosterEntry = {
            ...after,
            ...(kept?.aadObjectId && kept.email.toLowerCase() === after.email.toLowerCase()
                ? { aadObjectId: kept.aadObjectId }
                : {}),
        };
        if (index >= 0) draft.roster[index] = entry;
        else draft.roster.push(entry);
    } else if (index >= 0) draft.roster.splice(index, 1);
}

/**
 * Whether the data already stands as a group, person or policy change would leave it: its Confirm was
 * pressed before (Teams sends each press as its own activity), or someone made the same change. Where
 * a schedule's source was stamped is not compared: a second press stamps a later time.
 */
function alreadyMade(data: StoreData, change: ManagerChange): boolean {
    switch (change.kind) {
        case 'policy':
            return data.settings.reviewCycle?.months === change.after;
        case 'group': {
            const group = data.groups.find((g) => g.id === change.groupId);
            if (!group) return false;
            const { cadenceMonths, nextUpdateDue, reports } = settingsOf(group);
            const a = change.after;
            return cadenceMonths === a.cadenceMonths && nextUpdateDue === a.nextUpdateDue && reports === a.reports;
        }
        case 'person': {
            const { before, after } = change;
            const afterIn = !after || data.roster.some((e) => JSON.stringify(lineOf(e)) === JSON.stringify(after));
            const beforeGone =
                !before ||
                (after !== undefined && sameLine(before, after)) ||
                !data.roster.some((e) => sameLine(e, before));
            return afterIn && beforeGone;
        }
        case 'register':
            return false;
    }
}

function applyDocumentChange(
    draft: StoreData,
    change: RegisterDocumentChange,
    by: { who: string; at: string },
    stale: () => AppError,
): void {
    const protocol = draft.protocols.find((p) => p.id === change.id);
    if (!protocol)
        throw new AppError(
            'manage.stale',
            'That document is not in the register any more (it may have been removed by an import). Nothing was changed.',
        );
    refuseIfConfirmed(protocol, change.plan);
    if (!sameRegisterFields(registerFieldsOf(protocol), change.before)) throw stale();
    const before = registerFieldsOf(protocol);
    setRegisterFields(protocol, change.after);
    // An undo takes the change's own entry off the history (the audit trail keeps it) and keeps its
    // plan, so the old Confirm pressed again is still recognised.
    const undone = change.undoing ? protocol.history.filter((e) => e.at === change.undoing) : [];
    if (change.undoing) protocol.history = protocol.history.filter((e) => e.at !== change.undoing);
    const plan = change.plan ?? undone.find((e) => e.plan)?.plan;
    const changes = historyChanges(before, change.after);
    protocol.history.push({
        at: by.at,
        by: by.who,
        kind: change.event.kind,
        ...(change.event.note ? { note: change.event.note } : {}),
        ...(Object.keys(changes).length ? { changes } : {}),
        ...(plan ? { plan } : {}),
    });
}

/**
 * Throws AppError `manage.done` when the document's history shows the confirmation `plan` was already
 * applied (a second press of the same Confirm).
 */
export function refuseIfConfirmed(protocol: Pick<Protocol, 'history'>, plan: string | undefined): void {
    const done = plan ? protocol.history.find((e) => e.plan === plan) : undefined;
    if (done)
        throw new AppError(
            'manage.done',
            `That change was already confirmed once (${showDate(done.at.slice(0, 10))}), so it was not made again. Ask about the document to see it as it is now.`,
        );
}

/** What the audit trail calls the change, and what it is about. */
export function auditSubjectOf(
    data: Pick<StoreData, 'groups'>,
    change: ManagerChange,
): { action: string; subject: { kind: string; id: string; name: string } } {
    if (change.kind === 'register')
        return {
            action: `register.${change.request?.action ?? 'edit'}`,
            subject: { kind: 'protocol', id: change.id, name: change.title },
        };
    if (change.kind === 'policy')
        return {
            action: 'register.reviewCyclePolicy',
            subject: { kind: 'register', id: 'register', name: 'the register' },
        };
    if (change.kind === 'group') {
        const fields = (['nextUpdateDue', 'cadenceMonths', 'reports'] as const).filter(
            (f) => JSON.stringify(change.before[f]) !== JSON.stringify(change.after[f]),
        );
        return {
            action: fields.length === 1 ? `group.${fields[0]}` : 'group.settings',
            subject: { kind: 'group', id: change.groupId, name: groupName(data, change.groupId) },
        };
    }
    const line = change.after ?? change.before!;
    return {
        action: !change.before ? 'roster.add' : !change.after ? 'roster.remove' : 'roster.change',
        subject: { kind: 'person', id: line.email.toLowerCase(), name: line.name },
    };
}
