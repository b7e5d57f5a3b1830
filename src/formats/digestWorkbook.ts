/**
 * The digest as a workbook the partnership manager can circulate: one progress sheet (theme, ref,
 * objective, group, contribution, RAG, action this period, other matters, submitted by and at), the
 * groups that have not reported, and the register with due states. Headers frozen, columns sized,
 * long text wrapped. No cell is ever written that a spreadsheet would run as a formula.
 */
import type ExcelJS from 'exceljs';
import { chairsLine, ragMovement, remindersLine, type Digest } from '../domain/digest.js';
import { describeMilestoneDate, MILESTONE_STATE_LABELS } from '../domain/strategy.js';

const RAG_FILL: Record<string, string> = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' };

/**
 * Text that Excel or LibreOffice would take as a formula (a leading =, +, -, @, tab or carriage
 * return) is prefixed with an apostrophe, the usual way to keep it text.
 */
export function safeCell(value: string): string {
    return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

interface Column {
    header: string;
    key: string;
    width: number;
    wrap?: boolean;
}

function sheet(book: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, string>[]) {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
    for (const r of rows) {
        const row = ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, safeCell(v)])));
        row.alignment = { vertical: 'top', wrapText: true };
    }
    columns.forEach((c, i) => {
        if (c.wrap) ws.getColumn(i + 1).alignment = { vertical: 'top', wrapText: true };
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    return ws;
}

export async function createWorkbook(digest: Digest): Promise<Buffer> {
    // exceljs is loaded on the first workbook, not at start: most runs of the bot never write one.
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    book.creator = 'KHG Partnership Bot';
    book.created = new Date(digest.generatedAt);
    book.title = `KHG progress digest: ${digest.label}`;

    const matters = new Map(digest.matters.map((m) => [m.groupName, m.text]));
    const progress = digest.objectives.flatMap((o) =>
        o.entries.map((e) => ({
            theme: o.themeName,
            ref: o.ref,
            objective: o.text,
            group: e.groupName,
            contribution: e.contribution,
            rag: e.rag === 'not_rated' ? 'not rated' : e.rag,
            movement: ragMovement(e.rag, e.previousRag),
            action: e.noChange ? `(no change since last update) ${e.text}` : e.text,
            other: matters.get(e.groupName) ?? '',
            by: e.onBehalf ? `${e.submittedBy} (for the group)` : e.submittedBy,
            at: e.submittedAt,
        })),
    );
    const ws = sheet(
        book,
        'Progress',
        [
            { header: 'Theme', key: 'theme', width: 22 },
            { header: 'Ref', key: 'ref', width: 7 },
            { header: 'Objective', key: 'objective', width: 40, wrap: true },
            { header: 'Group', key: 'group', width: 26 },
            { header: 'Contribution', key: 'contribution', width: 26, wrap: true },
            { header: 'RAG', key: 'rag', width: 10 },
            { header: 'Since last period', key: 'movement', width: 12 },
            { header: 'Action this period or planned action', key: 'action', width: 70, wrap: true },
            { header: 'Other matters', key: 'other', width: 45, wrap: true },
            { header: 'Submitted by', key: 'by', width: 22 },
            { header: 'Submitted at', key: 'at', width: 20 },
        ],
        progress,
    );
    progress.forEach((p, i) => {
        const fill = RAG_FILL[p.rag];
        if (fill) ws.getCell(i + 2, 6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    });

    sheet(
        book,
        'Not reported',
        [
            { header: 'Group', key: 'group', width: 30 },
            { header: 'Update', key: 'period', width: 12 },
            { header: 'Due', key: 'due', width: 12 },
            { header: 'Chair and vice-chair', key: 'chairs', width: 30 },
            { header: 'Reminders tried', key: 'reminders', width: 60, wrap: true },
        ],
        digest.missing.map((m) => ({
            group: m.groupName,
            period: m.period,
            due: m.due,
            chairs: chairsLine(m.people),
            reminders: [
                remindersLine(m.reminders),
                ...m.reminders.map(
                    (r) => `${r.at.slice(0, 10)} ${r.step} to ${r.to}: ${r.outcome}${r.reason ? ` (${r.reason})` : ''}`,
                ),
            ].join('\n'),
        })),
    );

    sheet(
        book,
        'Cross-group matters',
        [
            { header: 'From', key: 'from', width: 30 },
            { header: 'Matter', key: 'text', width: 80, wrap: true },
            { header: 'Concerns', key: 'concerns', width: 40, wrap: true },
            { header: 'Submitted by', key: 'by', width: 22 },
        ],
        digest.matters.map((m) => ({
            from: m.groupName,
            text: m.text,
            concerns: m.concerns.join(', '),
            by: m.submittedBy,
        })),
    );

    if (digest.matrix) {
        const m = digest.matrix;
        const ws = sheet(
            book,
            'Objectives',
            [
                { header: 'Theme', key: 'theme', width: 22 },
                { header: 'Ref', key: 'ref', width: 7 },
                { header: 'Objective', key: 'objective', width: 50, wrap: true },
                ...m.groups.map((g) => ({ header: g.name, key: `g:${g.id}`, width: 22, wrap: true })),
                { header: 'Other contributors', key: 'others', width: 26, wrap: true },
                { header: 'Groups contributing', key: 'count', width: 12 },
            ],
            m.rows.map((r) => ({
                theme: r.themeName,
                ref: r.ref,
                objective: r.text,
                ...Object.fromEntries(
                    m.groups.map((g, i) => [`g:${g.id}`, r.cells[i] === undefined ? '' : r.cells[i] || 'contributes']),
                ),
                others: r.others.map((o) => `${o.groupName}${o.contribution ? `: ${o.contribution}` : ''}`).join('\n'),
                count: r.gap ? 'GAP: none' : String(r.cells.filter((c) => c !== undefined).length + r.others.length),
            })),
        );
        m.rows.forEach((r, i) => {
            if (r.gap)
                ws.getCell(i + 2, m.groups.length + 5).fill = {
                    type: 'pattern',
                    pattern: 'solid',
                    fgColor: { argb: RAG_FILL.red },
                };
        });
    }

    const milestones = digest.objectives.flatMap((o) =>
        o.entries.flatMap((e) =>
            e.milestones.map((ms) => ({
                ref: o.ref,
                group: e.groupName,
                milestone: ms.description,
                outcomes: ms.outcomes,
                lead: ms.lead,
                target: describeMilestoneDate(ms),
                state: MILESTONE_STATE_LABELS[ms.state] + (ms.stateAssumed ? ' (assumed)' : ''),
                update: ms.update,
            })),
        ),
    );
    if (milestones.length > 0) {
        sheet(
            book,
            'Milestones',
            [
                { header: 'Ref', key: 'ref', width: 7 },
                { header: 'Group', key: 'group', width: 26 },
                { header: 'Milestone', key: 'milestone', width: 50, wrap: true },
                { header: 'Outcomes', key: 'outcomes', width: 40, wrap: true },
                { header: 'Lead', key: 'lead', width: 22, wrap: true },
                { header: 'Target', key: 'target', width: 22 },
                { header: 'State', key: 'state', width: 16 },
                { header: 'Latest update', key: 'update', width: 60, wrap: true },
            ],
            milestones,
        );
    }

    if (digest.helpRequests.length > 0) {
        sheet(
            book,
            'Help requested',
            [
                { header: 'Group', key: 'group', width: 26 },
                { header: 'Ref', key: 'ref', width: 7 },
                { header: 'Help from', key: 'from', width: 26 },
                { header: 'What is needed', key: 'need', width: 70, wrap: true },
                { header: 'Raised in', key: 'period', width: 12 },
                { header: 'Raised by', key: 'by', width: 22 },
            ],
            digest.helpRequests.map((h) => ({
                group: h.groupName,
                ref: h.ref,
                from: h.from,
                need: h.need,
                period: h.period,
                by: h.raisedBy,
            })),
        );
    }

    if (digest.register) {
        sheet(
            book,
            'Register',
            [
                { header: 'Document', key: 'title', width: 50, wrap: true },
                { header: 'Owners', key: 'owners', width: 30, wrap: true },
                { header: 'Review state', key: 'state', width: 24 },
                { header: 'Due', key: 'due', width: 12 },
                { header: 'Last reviewed or published', key: 'lastReviewed', width: 16 },
                { header: 'Status', key: 'status', width: 14 },
                { header: 'Note', key: 'note', width: 50, wrap: true },
            ],
            digest.register.rows,
        );
    }
    return Buffer.from(await book.xlsx.writeBuffer());
}
