/**
 * "Are these the right objectives for your group?" (seed 002: the templates "have been sent to the
 * chairs for comments on whether the right objectives have been identified for the group"). A chair
 * agrees, or proposes changes: drop an objective, take one on, or reword the group's contribution.
 * The manager applies or declines each; only an applied proposal changes the objectives.
 */
import { AppError } from '../errors.js';
import type { ChairRoundProposal, StoreData } from './model.js';
import { objectivesOf } from './progress.js';
import { findObjective } from './strategy.js';

export const PROPOSAL_KINDS = ['drop', 'add', 'reword'] as const;
export type ObjectiveProposalKind = (typeof PROPOSAL_KINDS)[number];

const LIMIT = 500;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Reads the chair's card: `answer` (`agree` or `change`), `drop_<ref>` (a toggle), `reword_<ref>`
 * (the contribution reworded), `add_ref` and `add_contribution` (an objective to take on), `comment`.
 * With `agree`, proposals are ignored. Throws AppError for anything that is not the group's or not an
 * objective, or a change answer that proposes nothing and says nothing.
 */
export function parseObjectiveReply(
    raw: Record<string, unknown>,
    data: Pick<StoreData, 'objectives' | 'groups'>,
    groupId: string,
): { agree: boolean; comment: string; proposals: Omit<ChairRoundProposal, 'id'>[] } {
    const group = data.groups.find((g) => g.id === groupId);
    if (!group) throw new AppError('round.unknownGroup', 'That card is for a group I do not know. Nothing was saved.');
    const answer = text(raw.answer);
    if (answer !== 'agree' && answer !== 'change')
        throw new AppError(
            'round.malformed',
            'Please choose "these are right" or "propose a change". Nothing was saved.',
        );
    const comment = text(raw.comment);
    if (comment.length > 4000)
        throw new AppError('round.tooLong', 'The comment is limited to 4000 characters. Nothing was saved.');
    const mine = objectivesOf(data, groupId);
    for (const key of Object.keys(raw)) {
        const m = /^(drop|reword)_(.+)$/.exec(key);
        if (m && !mine.some((o) => o.ref === m[2]))
            throw new AppError(
                'round.unknownObjective',
                `"${m[2].slice(0, 20)}" is not one of ${group.name}'s objectives. Nothing was saved.`,
            );
    }
    if (answer === 'agree') return { agree: true, comment, proposals: [] };

    const proposals: Omit<ChairRoundProposal, 'id'>[] = [];
    for (const o of mine) {
        if (['true', true].includes(raw[`drop_${o.ref}`] as string | boolean)) {
            proposals.push({ kind: 'drop', ref: o.ref });
            continue;
        }
        const reworded = text(raw[`reword_${o.ref}`]);
        if (reworded.length > LIMIT)
            throw new AppError(
                'round.tooLong',
                `The contribution for ${o.ref} is limited to ${LIMIT} characters. Nothing was saved.`,
            );
        if (reworded && reworded !== o.contribution) proposals.push({ kind: 'reword', ref: o.ref, text: reworded });
    }
    const addRef = text(raw.add_ref);
    if (addRef) {
        const objective = findObjective(data, addRef);
        if (!objective)
            throw new AppError(
                'round.unknownObjective',
                `"${addRef.slice(0, 20)}" is not an objective of the strategy. Nothing was saved.`,
            );
        if (mine.some((o) => o.ref === objective.ref))
            throw new AppError(
                'round.already',
                `${group.name} already contributes to ${objective.ref}. Nothing was saved.`,
            );
        const contribution = text(raw.add_contribution);
        if (contribution.length > LIMIT)
            throw new AppError(
                'round.tooLong',
                `The contribution is limited to ${LIMIT} characters. Nothing was saved.`,
            );
        proposals.push({ kind: 'add', ref: objective.ref, text: contribution });
    }
    if (proposals.length === 0 && !comment)
        throw new AppError(
            'round.nothingProposed',
            'You chose "propose a change" but proposed none: tick an objective to drop, reword a contribution, pick one to take on, or say what in the comment. Nothing was saved.',
        );
    return { agree: false, comment, proposals };
}

/** What applying a proposal changed: the group's contribution to the objective before and after (absent: none). */
export interface AppliedChange {
    ref: string;
    before?: string;
    after?: string;
}

/**
 * Applies a proposal to the objectives, inside the store's transaction. Throws AppError when it no
 * longer fits (the objective is gone, the group already dropped or took it on since).
 */
export function applyObjectiveProposal(
    draft: Pick<StoreData, 'objectives'>,
    groupId: string,
    proposal: Pick<ChairRoundProposal, 'kind' | 'ref' | 'text'>,
): AppliedChange {
    const objective = draft.objectives.find((o) => o.ref === proposal.ref);
    if (!objective)
        throw new AppError(
            'round.gone',
            `${proposal.ref} is no longer an objective of the strategy. Nothing was changed.`,
        );
    const i = objective.contributions.findIndex((c) => c.groupId === groupId);
    switch (proposal.kind) {
        case 'drop': {
            if (i < 0)
                throw new AppError(
                    'round.stale',
                    `The group no longer contributes to ${proposal.ref}. Nothing was changed.`,
                );
            const [removed] = objective.contributions.splice(i, 1);
            return { ref: proposal.ref, before: removed.contribution };
        }
        case 'add': {
            if (i >= 0)
                throw new AppError(
                    'round.stale',
                    `The group already contributes to ${proposal.ref}. Nothing was changed.`,
                );
            objective.contributions.push({ groupId, contribution: proposal.text ?? '' });
            return { ref: proposal.ref, after: proposal.text ?? '' };
        }
        case 'reword': {
            if (i < 0)
                throw new AppError(
                    'round.stale',
                    `The group no longer contributes to ${proposal.ref}. Nothing was changed.`,
                );
            const before = objective.contributions[i].contribution;
            objective.contributions[i].contribution = proposal.text ?? '';
            return { ref: proposal.ref, before, after: proposal.text ?? '' };
        }
        default:
            throw new AppError('round.malformed', 'That proposal could not be read. Nothing was changed.');
    }
}

/** A proposal in words: "drop HW5", "take on A8 (\"For stock transfer tenants\")", "reword HW9 to \"...\"". */
export function describeProposal(p: Pick<ChairRoundProposal, 'kind' | 'ref' | 'text'>): string {
    if (p.kind === 'drop') return `Drop ${p.ref}`;
    if (p.kind === 'add') return `Take on ${p.ref}${p.text ? `: "${p.text}"` : ''}`;
    return `Reword the contribution to ${p.ref}: "${p.text ?? ''}"`;
}
