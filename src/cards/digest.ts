/**
 * The digest card. It must reach the manager whatever the partnership's size, so it is rendered at
 * the most detail that fits under the message limit: first lines of every entry, then fewer lines,
 * then fewer objectives (the rest counted, all of them in the spreadsheet), then theme tallies only.
 */
import { firstLines, ragMovement, type Digest, type DigestObjective } from '../domain/digest.js';
import type { Milestone } from '../domain/model.js';
import type { Rag } from '../domain/progress.js';
import { MILESTONE_STATE_LABELS } from '../domain/strategy.js';
import { cardBytes, renderCard, type AdaptiveCardJson } from './render.js';
import type { DigestCardModel } from './models.js';

/** Teams takes about 100 KB per message; stay well under. */
export const DIGEST_CARD_LIMIT = 75 * 1024;

const RAG_WORD: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', not_rated: 'Not rated' };
const RAG_COLOR: Record<Rag, string> = { green: 'Good', amber: 'Warning', red: 'Attention', not_rated: 'Default' };
const MOVE: Record<string, string> = { improved: ' ↑ improved', worse: ' ↓ worse', same: ' = same', '': '' };

interface Detail {
    /** Most objectives shown with their entries; the rest are counted. */
    maxObjectives: number;
    lines: number;
    chars: number;
    maxMissing: number;
    maxMatters: number;
}

const LEVELS: Detail[] = [
    { maxObjectives: Infinity, lines: 3, chars: 280, maxMissing: 50, maxMatters: 20 },
    { maxObjectives: Infinity, lines: 1, chars: 120, maxMissing: 50, maxMatters: 10 },
    { maxObjectives: 40, lines: 1, chars: 100, maxMissing: 30, maxMatters: 5 },
    { maxObjectives: 12, lines: 1, chars: 80, maxMissing: 15, maxMatters: 3 },
    { maxObjectives: 0, lines: 0, chars: 0, maxMissing: 10, maxMatters: 0 },
];

/** "Milestones: 2 done, 1 on track, 1 slipped". */
function milestoneTally(milestones: readonly Milestone[]): string {
    const counts = new Map<string, number>();
    for (const m of milestones) counts.set(m.state, (counts.get(m.state) ?? 0) + 1);
    return `Milestones: ${[...counts].map(([state, n]) => `${n} ${MILESTONE_STATE_LABELS[state as Milestone['state']].toLowerCase()}`).join(', ')}`;
}

function tally(objectives: DigestObjective[]): string {
    const count = { green: 0, amber: 0, red: 0, not_rated: 0 } as Record<Rag, number>;
    let missing = 0;
    for (const o of objectives) {
        for (const e of o.entries) count[e.rag]++;
        missing += o.missing.length;
    }
    const parts = (['red', 'amber', 'green', 'not_rated'] as Rag[])
        .filter((r) => count[r] > 0)
        .map((r) => `${count[r]} ${RAG_WORD[r].toLowerCase()}`);
    if (missing) parts.push(`${missing} not reported`);
    return `${objectives.length} objective${objectives.length === 1 ? '' : 's'}: ${parts.join(', ') || 'nothing reported'}`;
}

function model(
    d: Digest,
    downloadUrl: string,
    level: Detail,
    filters: { theme?: string; groupId?: string },
): DigestCardModel {
    const themes = [...new Set(d.objectives.map((o) => o.themeName))];
    let shown = 0;
    const omitted = { objectives: 0 };
    const subtitleColor =
        d.expected === 0 ? 'Default' : d.reported === d.expected ? 'Good' : d.reported === 0 ? 'Attention' : 'Warning';
    return {
        title: `Digest: ${d.label}`,
        subtitle:
            d.expected === 0
                ? 'No group had an update due in the six months to the end of this month.'
                : `${d.reported} of ${d.expected} groups have reported.`,
        subtitleColor,
        scopeLine: d.scope.length ? `Showing: ${d.scope.join(', ')}` : '',
        period: d.period,
        theme: filters.theme ?? '',
        groupId: filters.groupId ?? '',
        missing: d.missing.slice(0, level.maxMissing).map((m) => {
            const sent = m.reminders.filter((r) => r.outcome === 'sent' || r.outcome === 'throttled then sent');
            const last = sent.at(-1);
            return {
                groupName: m.groupName,
                detail: `chair ${m.chairs.join(', ') || 'not on the roster'}; ${sent.length ? `${sent.length} reminder${sent.length === 1 ? '' : 's'}, last ${last!.at.slice(0, 10)}` : 'no reminder sent yet'}`,
            };
        }),
        moreMissing: Math.max(0, d.missing.length - level.maxMissing),
        themes: themes.map((name) => {
            const all = d.objectives.filter((o) => o.themeName === name);
            const room = Math.max(0, level.maxObjectives - shown);
            const picked = all.slice(0, room);
            shown += picked.length;
            omitted.objectives += all.length - picked.length;
            return {
                name,
                tally: tally(all),
                objectives: picked.map((o) => ({
                    ref: o.ref,
                    text: firstLines(o.text, 1, 160),
                    entries: o.entries.map((e) => ({
                        line:
                            `**${e.groupName}**: ${RAG_WORD[e.rag]}${MOVE[ragMovement(e.rag, e.previousRag)]}${e.noChange ? ' · no change since last update' : ''}` +
                            (level.lines > 0 ? `  \n${firstLines(e.text, level.lines, level.chars)}` : '') +
                            (level.lines > 0 && e.milestones.length ? `  \n${milestoneTally(e.milestones)}` : ''),
                        color: RAG_COLOR[e.rag],
                    })),
                    missingLine: o.missing.length ? `Not yet reported: ${o.missing.join(', ')}` : '',
                    hasText: o.entries.length > 0,
                })),
            };
        }),
        omittedLine: omitted.objectives
            ? `${omitted.objectives} more objective${omitted.objectives === 1 ? '' : 's'}: tap "Full text" on any, ask for one theme, or download the spreadsheet for everything.`
            : '',
        gaps: d.gaps.map((g) => ({ line: `**${g.ref}** (${g.themeName}): ${firstLines(g.text, 1, 160)}` })),
        helpRequests: d.helpRequests.slice(0, Math.max(level.maxMatters, 3)).map((h) => ({
            line: `**${h.groupName}**, ${h.ref}, from ${h.from}: ${firstLines(h.need, 2, 200)}`,
        })),
        matters: d.matters.slice(0, level.maxMatters).map((m) => ({
            line: `**${m.groupName}**${m.concerns.length ? ` (for ${m.concerns.join(', ')})` : ''}: ${firstLines(m.text, 2, 200)}`,
        })),
        hasRegister: Boolean(d.register),
        registerLine: d.register ? d.register.headline : '',
        registerTop: d.register?.top.slice(0, 5) ?? [],
        downloadUrl,
    };
}

/** The most detailed card that fits under the limit. */
export function createDigestCard(
    d: Digest,
    downloadUrl: string,
    filters: { theme?: string; groupId?: string } = {},
): AdaptiveCardJson {
    let card: AdaptiveCardJson | undefined;
    for (const level of LEVELS) {
        card = renderCard('digest', model(d, downloadUrl, level, filters));
        if (cardBytes(card) <= DIGEST_CARD_LIMIT) return card;
    }
    return card!;
}

/** One objective with every group's whole text: the "Full text" tap. */
export function createDigestObjectiveCard(d: Digest, ref: string): AdaptiveCardJson | undefined {
    const o = d.objectives.find((x) => x.ref === ref);
    if (!o) return undefined;
    const card = renderCard('digest-objective', {
        ref: o.ref,
        text: o.text,
        label: `${o.themeName}, ${d.label}`,
        entries: o.entries.map((e) => ({
            groupName: e.groupName,
            contribution: e.contribution ? ` (${e.contribution})` : '',
            status: `${RAG_WORD[e.rag]}${MOVE[ragMovement(e.rag, e.previousRag)]}${e.noChange ? ' · no change since last update' : ''} · ${e.submittedBy}${e.onBehalf ? ' for the group' : ''}, ${e.submittedAt.slice(0, 10)}`,
            color: RAG_COLOR[e.rag],
            text: e.text,
        })),
        missingLine: o.missing.length ? `Not yet reported: ${o.missing.join(', ')}` : '',
    });
    if (cardBytes(card) <= DIGEST_CARD_LIMIT) return card;
    // Many long texts: each cut to what fits, with the spreadsheet holding them whole.
    const per = Math.floor((DIGEST_CARD_LIMIT - 4096) / Math.max(1, o.entries.length) / 1.2);
    return renderCard('digest-objective', {
        ref: o.ref,
        text: o.text,
        label: `${o.themeName}, ${d.label} (long texts shortened: the spreadsheet has them whole)`,
        entries: o.entries.map((e) => ({
            groupName: e.groupName,
            contribution: '',
            status: RAG_WORD[e.rag],
            color: RAG_COLOR[e.rag],
            text: firstLines(e.text, 1000, per),
        })),
        missingLine: o.missing.length ? `Not yet reported: ${o.missing.join(', ')}` : '',
    });
}
