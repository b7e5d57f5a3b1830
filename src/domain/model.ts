/**
 * The partnership's data, as schemas. Every record the store keeps is described here once; the
 * TypeScript types are inferred from the schemas so validation and types cannot drift apart.
 */
import { z } from 'zod';

/** Current version of the store's layout. Older files are migrated forward on load (see store/migrations). */
export const SCHEMA_VERSION = 4;

const id = z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

/** A date known to the year (`2016`), the month (`2020-08`) or the day (`2021-02-15`), as the papers give it. */
export const partialDate = z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');
export type PartialDate = z.infer<typeof partialDate>;

/** A calendar day in the partnership's time zone. */
export const isoDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
export type IsoDay = z.infer<typeof isoDay>;

/** An instant, as an ISO 8601 string with offset. */
export const instant = z.string().datetime({ offset: true });

export const THEME_CODES = ['HW', 'SH', 'I', 'HD', 'A'] as const;
export const themeCode = z.enum(THEME_CODES);
export type ThemeCode = z.infer<typeof themeCode>;

export const themeSchema = z.object({ code: themeCode, name: z.string().min(1) });
export type Theme = z.infer<typeof themeSchema>;

export const groupSchema = z.object({
    id,
    name: z.string().min(1).max(200),
    /** Short forms people use in chat: "KHOG", "Homechoice". */
    aliases: z.array(z.string().min(1)).default([]),
    /** Months between progress updates: 6, or 3 where a group can. */
    cadenceMonths: z.union([z.literal(3), z.literal(6)]).default(6),
    /** The due date that anchors the group's series of updates; absent for groups that do not report. */
    nextUpdateDue: isoDay.optional(),
    /**
     * True only for the groups the papers call KHG sub-groups (or that the manager adds as reporting):
     * partner bodies and the groups the papers merely name (KEEP, HHSC, KPOG...) do not report.
     */
    reports: z.boolean().default(true),
    /**
     * Values the product needs that the papers do not give, stored and shown as assumptions: "the
     * papers say updates begin in September 2022, not on which day; the last day of the month is assumed".
     */
    assumptions: z.array(z.string().min(1).max(500)).optional(),
    /**
     * Who last set the cadence or the next due date from Teams, and when (ISO instant): the manager's
     * word, which replaces the assumptions above.
     */
    scheduleSetBy: z.object({ name: z.string().min(1).max(200), at: z.string().datetime() }).optional(),
});
export type Group = z.infer<typeof groupSchema>;

/**
 * `observer`: a Board member, or anyone else the partnership manager names, who reads the digest and the
 * Board paper but never reports and is never reminded. Like the manager, an observer has no group.
 */
export const ROLES = ['chair', 'vice_chair', 'member', 'manager', 'observer'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

/** One line of the roster: a person's role in one group, or the partnership manager or an observer (no group). */
export const rosterEntrySchema = z
    .object({
        groupId: id.nullable(),
        role,
        name: z.string().min(1).max(200),
        email: z.string().email().max(254),
        aadObjectId: z.string().min(1).max(64).optional(),
    })
    .refine((e) => (e.role === 'manager' || e.role === 'observer') === (e.groupId === null), {
        message: 'the manager and observers have no group; every other role names one',
    });
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const contributionSchema = z.object({ groupId: id, contribution: z.string().max(500).default('') });
export type Contribution = z.infer<typeof contributionSchema>;

export const objectiveSchema = z.object({
    /** The theme's letters and a number: HW5, A8. */
    ref: z.string().regex(/^(HW|SH|I|HD|A)\d{1,3}$/, 'a theme code and a number, e.g. HW5'),
    theme: themeCode,
    text: z.string().min(1).max(2000),
    contributions: z.array(contributionSchema).default([]),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const PROTOCOL_STATUSES = ['current', 'under_review', 'draft', 'withdrawn'] as const;
export const protocolStatus = z.enum(PROTOCOL_STATUSES);
export type ProtocolStatus = z.infer<typeof protocolStatus>;

/** Who a fact came from: a source paper, the partnership manager, or a group's chair. */
export const FACT_SOURCES = ['paper', 'manager', 'chair'] as const;
export const factSource = z.enum(FACT_SOURCES);
export type FactSource = z.infer<typeof factSource>;

/**
 * When and from whom a fact was recorded: a paper's time is known to the year ("2022"), a person's
 * word to the day. `by` is the paper ("the website documents paper") or the person's e-mail.
 */
export const asAtSchema = z.object({
    at: partialDate,
    source: factSource,
    by: z.string().min(1).max(200),
});
export type AsAt = z.infer<typeof asAtSchema>;

/**
 * The kinds of evidence the partnership has about whether a document needs reviewing, from strongest
 * to weakest (seed 000, seed 003):
 * - `stated_review`: the document states its own review date or cycle ("will be reviewed in
 *   September 2021", "reviewed annually");
 * - `flagged_due`: someone flags it as due ("the website indicates it is due for review now");
 * - `owner_says_due`: the owner's own word ("KEEP is aware it needs reviewing now");
 * - `probably_due`: a judgement, and whose ("probably due for a review");
 * - `advice_sought`: advice sought from someone on *whether* it needs review (awaiting or received);
 * - `deciding_if_needed`: the owning group is deciding whether it is still needed (a removal candidate);
 * - `reviewed`: the partnership manager's word that it was reviewed on `statedDate` (from "Mark reviewed").
 */
export const EVIDENCE_KINDS = [
    'stated_review',
    'flagged_due',
    'owner_says_due',
    'probably_due',
    'advice_sought',
    'deciding_if_needed',
    'reviewed',
] as const;
export const evidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof evidenceKind>;

export const evidenceSchema = z.object({
    kind: evidenceKind,
    /** Whose flag, judgement, statement, advice or decision: "the KHG website", "KEEP", "the HHSC". */
    who: z.string().min(1).max(200),
    /** The words recorded, as close to the source as possible. */
    text: z.string().min(1).max(2000),
    recorded: asAtSchema,
    /** `stated_review`: the date the document says it will be reviewed; `reviewed`: the day it was reviewed. */
    statedDate: partialDate.optional(),
    /** `stated_review`: its own cycle in months, and in its words ("annually, at a local-authority-only KHOG meeting"). */
    cycleMonths: z.number().int().min(1).max(240).optional(),
    cycleText: z.string().max(300).optional(),
    /** `advice_sought`: whether the answer has come, and what it was. */
    advice: z.enum(['awaiting', 'received']).optional(),
    answer: z.string().max(2000).optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const protocolEventSchema = z.object({
    at: instant,
    by: z.string().min(1),
    kind: z.enum([
        'created',
        'imported',
        'reviewed',
        'review_started',
        'status_changed',
        'note',
        'edited',
        'round_reply',
        'round_decision',
    ]),
    note: z.string().max(4000).optional(),
    /**
     * The confirmation card the change was confirmed from (`<ISO instant>-<random>`): a second press of
     * the same Confirm finds it here and is not applied twice.
     */
    plan: z.string().max(120).optional(),
    /** The fields the event changed, before and after, for the document's history. */
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).optional(),
});
export type ProtocolEvent = z.infer<typeof protocolEventSchema>;

export const protocolSchema = z.object({
    id,
    title: z.string().min(1).max(300),
    /** Short names and acronyms people use: "KRS", "pre-eviction protocol". */
    aliases: z.array(z.string().min(1)).default([]),
    kind: z.string().min(1).max(60),
    /** The groups the papers say wrote, developed, published or keep the document. */
    ownerGroups: z.array(id).default([]),
    /** Partner agencies named for the document (free text: KCC, KSS CRC, Homes and Communities Agency). */
    partners: z.array(z.string().min(1)).default([]),
    /** Groups named as reviewing it, leading its review or giving input to it (not its owners). */
    reviewers: z.array(id).default([]),
    /** Whom advice was sought from about it, by role ("the HHSC chair", "a planning adviser"): never names. */
    advisers: z.array(z.string().min(1).max(200)).default([]),
    /** What the source paper says about it, in its words, for anyone checking the register against it. */
    paperSays: z.string().max(2000).optional(),
    /** When the record (owners, dates, state) was last recorded or confirmed, and by whom. */
    asAt: asAtSchema.optional(),
    /** The evidence on whether it needs reviewing; empty means nothing is recorded. */
    evidence: z.array(evidenceSchema).default([]),
    published: partialDate.optional(),
    lastReviewed: partialDate.optional(),
    nextReview: partialDate.optional(),
    /** Months between reviews, where the document or the manager set one; absent means none is set. */
    reviewCycleMonths: z.number().int().min(1).max(240).optional(),
    status: protocolStatus,
    statusNote: z.string().max(2000).optional(),
    /** Who leads a review that is under way. */
    reviewLead: z.string().max(200).optional(),
    /** Marked as a key document (importance, not urgency), e.g. one that frames joint working. */
    key: z.boolean().default(false),
    /** Why it is key, and who said so. */
    keyNote: z.string().max(500).optional(),
    onWebsite: z.boolean().default(true),
    url: z.string().url().optional(),
    history: z.array(protocolEventSchema).default([]),
});
export type Protocol = z.infer<typeof protocolSchema>;

/** A saved Bot Framework conversation reference: how the bot reaches a person or a team later. */
export const conversationRecordSchema = z.object({
    /** `user:<aadObjectId or channel user id>` or `team:<team id>`. */
    key: z.string().min(1),
    scope: z.enum(['personal', 'team', 'groupChat']),
    aadObjectId: z.string().optional(),
    userId: z.string().optional(),
    teamId: z.string().optional(),
    tenantId: z.string().optional(),
    reference: z.record(z.string(), z.unknown()),
    installed: z.boolean(),
    updatedAt: instant,
});
export type ConversationRecord = z.infer<typeof conversationRecordSchema>;

/**
 * A Teams user id and the e-mail Teams gave for it, learned by looking the sender up once (Teams user
 * ids are not known in advance). Kept for people not on the roster too, so that adding their e-mail to
 * the roster later is enough for the bot to know them.
 */
export const identitySchema = z.object({
    email: z.string().email(),
    userId: z.string().min(1),
    aadObjectId: z.string().optional(),
    learnedAt: instant,
});
export type Identity = z.infer<typeof identitySchema>;

/**
 * The partnership manager closed one group's update for a period: it can no longer be changed and is no
 * longer chased. Records are never removed: a reopen stamps `reopenedAt`, so the trail of who closed and
 * reopened what, and when, stays in the store.
 */
export const periodClosureSchema = z.object({
    /** The period's due month, YYYY-MM. */
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    /** The group whose update was closed; absent on closures made before closing was per group, which closed every group's update for the month. */
    groupId: id.optional(),
    closedAt: instant,
    closedBy: z.string().min(1),
    reopenedAt: instant.optional(),
    reopenedBy: z.string().min(1).optional(),
});
export type PeriodClosure = z.infer<typeof periodClosureSchema>;

/** A chair's "snooze" or "I'll do it later" on a reminder: no reminders for that update until `until`. */
export const snoozeSchema = z.object({
    groupId: id,
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    until: instant,
    by: z.string().min(1),
    at: instant,
});
export type SnoozeRecord = z.infer<typeof snoozeSchema>;

/**
 * A Board meeting the partnership manager recorded ("the Board meets on 12 March 2027"). The digest for
 * the next meeting covers the updates due by its paper deadline (`BOARD_PAPER_WORKING_DAYS` before it).
 */
export const boardMeetingSchema = z.object({
    date: isoDay,
    recordedAt: instant,
    recordedBy: z.string().min(1),
});
export type BoardMeeting = z.infer<typeof boardMeetingSchema>;

/**
 * Where a milestone (a measure of success of one group's contribution to one objective) stands.
 * "slipped" carries the new target date when one is known.
 */
export const MILESTONE_STATES = ['not_started', 'on_track', 'done', 'slipped', 'dropped'] as const;
export const milestoneState = z.enum(MILESTONE_STATES);
export type MilestoneState = z.infer<typeof milestoneState>;

/** One change to a milestone: who, when, from where, and what it became. */
export const milestoneEventSchema = z.object({
    at: instant,
    by: z.string().min(1),
    /** `chair` (the progress form), `import` (an action plan file), `manager`. */
    source: z.enum(['chair', 'import', 'manager']),
    state: milestoneState,
    target: partialDate.optional(),
    newTarget: partialDate.optional(),
    /** The update period the change was made in, when it came from a progress form. */
    period: z.string().optional(),
    note: z.string().max(8000).optional(),
});
export type MilestoneEvent = z.infer<typeof milestoneEventSchema>;

/**
 * A milestone or measure of success of a group's contribution to an objective, as action plans
 * write them (seeds 001, 004): the action, its outcomes, the lead, the timescale as written and the
 * target date read from it, and the latest update.
 */
export const milestoneSchema = z.object({
    id,
    ref: z.string().min(1),
    groupId: id,
    /** The action or milestone itself. */
    description: z.string().min(1).max(4000),
    outcomes: z.string().max(4000).default(''),
    /** A role or organisation ("Housing Advice Manager", "MBC"), never a person's name by design. */
    lead: z.string().max(500).default(''),
    /** The timescale as the plan wrote it ("December 2020", "On-going with quarterly reviews"). */
    timescale: z.string().max(200).default(''),
    /** The target read from the timescale, at month or day precision. */
    target: partialDate.optional(),
    /** The plan calls it on-going: there is no single target date. */
    ongoing: z.boolean().default(false),
    state: milestoneState,
    /** For a slipped milestone: its new target, when one is known. */
    newTarget: partialDate.optional(),
    /** True when the state was worked out from an update's wording rather than stated by the chair. */
    stateAssumed: z.boolean().default(false),
    /** The latest progress text, and the heading it came under ("Update Feb 2022"). */
    update: z.string().max(8000).default(''),
    updateLabel: z.string().max(200).default(''),
    history: z.array(milestoneEventSchema).default([]),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const HELP_FROM = ['board', 'manager', 'group'] as const;

/** A chair's "help needed" on an objective, apart from the RAG, open until the group says it is resolved. */
export const helpRequestSchema = z.object({
    id,
    groupId: id,
    ref: z.string().min(1),
    from: z.enum(HELP_FROM),
    /** The group asked, when `from` is `group`. */
    fromGroupId: id.optional(),
    need: z.string().min(1).max(2000),
    /** The update period it was raised in. */
    period: z.string(),
    raisedBy: z.string().min(1),
    raisedAt: instant,
    resolved: z
        .object({ period: z.string(), by: z.string().min(1), at: instant, note: z.string().max(2000).optional() })
        .optional(),
});
export type HelpRequest = z.infer<typeof helpRequestSchema>;

/**
 * A chairs' round: a question the manager sends to every reporting group's chair, one card each, with
 * replies, chases and the manager's decision on each proposal (see `domain/chairRounds.ts`). `kind` names
 * what is asked: `objectives` ("are these the right objectives for your group?").
 */
export const chairRoundProposalSchema = z.object({
    id,
    /** What the chair proposes, in the round's own terms (`drop`, `add`, `reword` for objectives). */
    kind: z.string().min(1).max(40),
    /** What it is about: an objective's reference. */
    ref: z.string().min(1).max(80),
    /** The proposed wording, where the proposal has one. */
    text: z.string().max(500).optional(),
    decision: z
        .object({ applied: z.boolean(), by: z.string().min(1), at: instant, note: z.string().max(2000).optional() })
        .optional(),
});
export type ChairRoundProposal = z.infer<typeof chairRoundProposalSchema>;

export const chairRoundReplySchema = z.object({
    groupId: id,
    by: z.string().min(1),
    byName: z.string().min(1),
    at: instant,
    agree: z.boolean(),
    comment: z.string().max(4000).default(''),
    proposals: z.array(chairRoundProposalSchema).default([]),
});
export type ChairRoundReply = z.infer<typeof chairRoundReplySchema>;

export const chairRoundSchema = z.object({
    id,
    kind: z.enum(['objectives']),
    startedAt: instant,
    startedBy: z.string().min(1),
    /** Who was asked, one chair per group. */
    asks: z.array(z.object({ groupId: id, recipient: z.string().min(1), name: z.string().min(1) })),
    /** Every reply, oldest first: a later reply from a group supersedes its earlier ones. */
    replies: z.array(chairRoundReplySchema).default([]),
    closedAt: instant.optional(),
});
export type ChairRound = z.infer<typeof chairRoundSchema>;
/**
 * The partnership manager's settings. A review cycle for documents that state none is a policy the
 * partnership chooses: unset, no due date is worked out from a cycle.
 */
export const registerSettingsSchema = z.object({
    reviewCycle: z
        .object({ months: z.number().int().min(1).max(240), setBy: z.string().min(1), setAt: instant })
        .optional(),
});
export type RegisterSettings = z.infer<typeof registerSettingsSchema>;

/** A chair's answer about one document in a relevance round (seed 000's "test their relevance"). */
export const ROUND_ANSWERS = ['current', 'needs_review', 'remove', 'not_ours'] as const;
export const roundAnswer = z.enum(ROUND_ANSWERS);
export type RoundAnswer = z.infer<typeof roundAnswer>;

export const roundReplySchema = z.object({
    groupId: id,
    protocolId: id,
    answer: roundAnswer,
    /** needs_review: who would lead the review, and by when. */
    lead: z.string().max(200).optional(),
    by: isoDay.optional(),
    comment: z.string().max(2000).optional(),
    repliedBy: z.string().min(1),
    repliedAt: instant,
    /** The manager's decision on the proposal; the register changes only on "accepted". */
    decision: z.object({ outcome: z.enum(['accepted', 'declined']), by: z.string().min(1), at: instant }).optional(),
});
export type RoundReply = z.infer<typeof roundReplySchema>;

/**
 * A relevance round: the manager asks each owning group's chair, on one card, which of the group's
 * documents are still current, need review, should come off the website, or are not theirs.
 */
export const relevanceRoundSchema = z.object({
    id,
    startedAt: instant,
    startedBy: z.string().min(1),
    closedAt: instant.optional(),
    closedBy: z.string().optional(),
    /** The groups asked, each with its documents as they stood at the start. */
    asked: z.array(z.object({ groupId: id, protocolIds: z.array(id) })),
    replies: z.array(roundReplySchema).default([]),
});
export type RelevanceRound = z.infer<typeof relevanceRoundSchema>;

const storeShape = z.object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    themes: z.array(themeSchema),
    groups: z.array(groupSchema),
    roster: z.array(rosterEntrySchema),
    objectives: z.array(objectiveSchema),
    protocols: z.array(protocolSchema),
    conversations: z.array(conversationRecordSchema).default([]),
    identities: z.array(identitySchema).default([]),
    closedPeriods: z.array(periodClosureSchema).default([]),
    snoozes: z.array(snoozeSchema).default([]),
    boardMeetings: z.array(boardMeetingSchema).default([]),
    milestones: z.array(milestoneSchema).default([]),
    helpRequests: z.array(helpRequestSchema).default([]),
    chairRounds: z.array(chairRoundSchema).default([]),
    settings: registerSettingsSchema.default({}),
    rounds: z.array(relevanceRoundSchema).default([]),
    /**
     * The key that signs download links when `LINK_SECRET` is not set: made once and kept with the data,
     * so links outlive a restart and work on every instance that shares the store.
     */
    secrets: z.object({ linkKey: z.string().min(32).max(200).optional() }).default({}),
});

/** The store's schema with the cross-references checked: every group id named anywhere must exist. */
export const storeDataSchema = storeShape.superRefine((data, ctx) => {
    const groups = new Set(data.groups.map((g) => g.id));
    const seen = new Set<string>();
    data.groups.forEach((g, i) => {
        if (seen.has(g.id))
            ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `duplicate group id "${g.id}"` });
        seen.add(g.id);
    });
    const unknown = (path: (string | number)[], groupId: string | null) => {
        if (groupId !== null && !groups.has(groupId))
            ctx.addIssue({ code: 'custom', path, message: `unknown group "${groupId}"` });
    };
    data.roster.forEach((e, i) => unknown(['roster', i, 'groupId'], e.groupId));
    data.objectives.forEach((o, i) =>
        o.contributions.forEach((c, j) => unknown(['objectives', i, 'contributions', j, 'groupId'], c.groupId)),
    );
    const protocolIds = new Set<string>();
    data.protocols.forEach((p, i) => {
        if (protocolIds.has(p.id))
            ctx.addIssue({ code: 'custom', path: ['protocols', i, 'id'], message: `duplicate protocol id "${p.id}"` });
        protocolIds.add(p.id);
        p.ownerGroups.forEach((g, j) => unknown(['protocols', i, 'ownerGroups', j], g));
        p.reviewers.forEach((g, j) => unknown(['protocols', i, 'reviewers', j], g));
    });
    const refs = new Set<string>();
    data.objectives.forEach((o, i) => {
        if (refs.has(o.ref))
            ctx.addIssue({ code: 'custom', path: ['objectives', i, 'ref'], message: `duplicate objective "${o.ref}"` });
        refs.add(o.ref);
    });
});
export type StoreData = z.infer<typeof storeShape>;
export type StoreInput = z.input<typeof storeShape>;
