/**
 * Progress use cases: read and record a group's update for a period. The store does the durable,
 * atomic write; the rules are the domain's (`domain/progress.ts`).
 */
import type { Store } from '../store/store.js';
import {
    appendVersion,
    canWriteUpdate,
    emptyUpdate,
    parseSubmission,
    submittedVersion,
    updateDocSchema,
    updateKey,
    type AppendResult,
    type UpdateDoc,
    type UpdateVersion,
} from '../domain/progress.js';
import { isUpdateClosed } from '../domain/closures.js';
import type { Person } from '../domain/people.js';
import { AppError } from '../errors.js';
import { applySubmittedProgress } from '../domain/strategy.js';

export function updatesOf(store: Store) {
    return store.collection<UpdateDoc>('updates', updateDocSchema, emptyUpdate);
}

export async function readUpdate(store: Store, groupId: string, period: string): Promise<UpdateDoc | undefined> {
    return updatesOf(store).get(updateKey(groupId, period));
}

/**
 * The group's last submitted update before this period: what it "said last time". Reads the group's
 * documents newest first and stops at the first with a submission, so its cost does not grow with the
 * group's history.
 */
export async function previousSubmission(
    store: Store,
    groupId: string,
    period: string,
): Promise<{ period: string; version: UpdateVersion } | undefined> {
    const updates = updatesOf(store);
    const earlier = (await updates.keys(`${groupId}/`)).filter((k) => k.slice(groupId.length + 1) < period).reverse();
    for (const key of earlier) {
        const doc = await updates.get(key);
        const v = doc && submittedVersion(doc);
        if (v) return { period: doc.period, version: v };
    }
    return undefined;
}

/** True when the partnership manager has closed the group's update for the period. */
export function isClosed(store: Store, groupId: string, period: string): boolean {
    return isUpdateClosed(store.read(), groupId, period);
}

export interface RecordResult extends Pick<AppendResult, 'appended'> {
    version: UpdateVersion;
    doc: UpdateDoc;
}

/**
 * Records a draft or a submission from a card. Checks who may write, validates every field against
 * the store, and appends a version durably; resolves only once it is on disk.
 */
export async function recordProgress(
    store: Store,
    raw: unknown,
    kind: 'draft' | 'submitted',
    person: Person | undefined,
    now: Date,
): Promise<RecordResult> {
    const groupId = (raw as { groupId?: unknown })?.groupId;
    const permission = canWriteUpdate(person, typeof groupId === 'string' ? groupId : '');
    if (!person || !permission.allowed) {
        throw new AppError(
            'progress.forbidden',
            person
                ? "Only the group's chair or vice-chair (or the partnership manager) can write its update. Nothing was saved."
                : "I don't know you yet, so I can't save an update for you. Ask the partnership manager to add you to the roster. Nothing was saved.",
        );
    }
    const data = store.read();
    const period = (raw as { period?: unknown }).period;
    const previous =
        typeof period === 'string' && typeof groupId === 'string'
            ? await previousSubmission(store, groupId, period)
            : undefined;
    const submission = parseSubmission(raw, kind, data, previous?.version);
    const closed = isClosed(store, submission.groupId, submission.period);
    let doc: UpdateDoc | undefined;
    const result = await updatesOf(store).transact(updateKey(submission.groupId, submission.period), (d) => {
        const r = appendVersion(
            d,
            submission,
            { email: person.email, name: person.name, onBehalf: permission.onBehalf },
            closed,
            now,
        );
        doc = structuredClone(d);
        return r;
    });
    if (result.appended && kind === 'submitted') {
        // The milestones and help requests change only when the update is submitted, not on a draft.
        // Most submissions change no milestone and raise or resolve no request for help. Tried first on
        // a copy of what it could touch (the group's own), the main data is written only when it does.
        const by = { name: person.name, email: person.email };
        const ofGroup = <T extends { groupId: string }>(xs: readonly T[]) =>
            structuredClone(xs.filter((x) => x.groupId === submission.groupId));
        const trial = applySubmittedProgress(
            { milestones: ofGroup(data.milestones), helpRequests: ofGroup(data.helpRequests) },
            submission,
            by,
            now,
        );
        if (trial.milestones.length + trial.helpRaised.length + trial.helpResolved.length > 0)
            await store.transact((d) => applySubmittedProgress(d, submission, by, now));
    }
    return { appended: result.appended, version: result.version, doc: doc! };
}
