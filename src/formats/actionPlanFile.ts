/**
 * Action plan files, CSV or Excel (.xlsx), read into rows of text and written back in the same
 * columns. The columns are found by their headings (see `COLUMN_HEADINGS`), on the first row that
 * names at least the objective reference and the action; rows above it (a title) are skipped, and a
 * heading row repeated further down (plans often repeat it per section) is skipped too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
    ACTION_PLAN_COLUMNS,
    type ActionPlanColumn,
    type ActionPlanRow,
    type ActionPlanTable,
} from '../domain/actionPlan.js';
import { AppError } from '../errors.js';
import { readCsvFile } from '../cli/readCsvFile.js';
import { neutraliseCell, readCell } from './partnershipCsv.js';

/**
 * Headings each column is known by, matched case-insensitively at the start of the heading:
 * "Update Feb 2022" and "Progress to 30 June 2009" are both the update column.
 */
export const COLUMN_HEADINGS: Record<ActionPlanColumn, readonly string[]> = {
    reference: ['reference', 'ref', 'objective'],
    action: ['action', 'actions'],
    outcomes: ['outcomes', 'outcome', 'milestones', 'milestone', 'measures of success'],
    lead: ['lead', 'leads', 'lead officer'],
    timescale: ['timescale', 'timescales', 'target', 'target date', 'by when'],
    update: ['update', 'progress', 'progress update'],
};

/** Which column a heading names, if any. */
export function columnOf(heading: string): ActionPlanColumn | undefined {
    const h = heading.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!h) return undefined;
    for (const column of ACTION_PLAN_COLUMNS) {
        for (const name of COLUMN_HEADINGS[column]) {
            if (h === name || (column === 'update' && h.startsWith(`${name} `))) return column;
        }
    }
    return undefined;
}

const isExcel = (file: string) => /\.xlsx$/i.test(file);

/** The cells of every row, as text, from a CSV or .xlsx file. */
async function readGrid(file: string): Promise<string[][]> {
    if (isExcel(file)) {
        if (!fs.existsSync(file))
            throw new AppError('actions.unreadable', `Cannot read ${file}: no such file. Nothing was imported.`);
        const { default: excel } = await import('exceljs');
        const book = new excel.Workbook();
        try {
            await book.xlsx.readFile(file);
        } catch (err) {
            throw new AppError(
                'actions.unreadable',
                `${file} is not an Excel workbook I can read (${(err as Error).message}). Nothing was imported.`,
            );
        }
        const sheet = book.worksheets[0];
        if (!sheet) throw new AppError('actions.empty', `${file} has no worksheet. Nothing was imported.`);
        const grid: string[][] = [];
        for (let r = 1; r <= sheet.rowCount; r++) {
            const row = sheet.getRow(r);
            const cells: string[] = [];
            for (let c = 1; c <= Math.max(sheet.columnCount, row.cellCount); c++)
                cells.push(cellText(row.getCell(c).value));
            grid.push(cells);
        }
        return grid;
    }
    return gridOfCsv(readCsvFile(file), file);
}

/** The cells of every row of CSV text; `label` names the file in the error. */
function gridOfCsv(text: string, label: string): string[][] {
    try {
        return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
    } catch (err) {
        throw new AppError(
            'actions.unreadable',
            `${label} is not a CSV file I can read: ${(err as Error).message}. Nothing was imported.`,
        );
    }
}

/** An Excel cell as the text a person sees: rich text joined, dates as the day, formulas as their result. */
function cellText(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object') {
        const v = value as { richText?: { text: string }[]; result?: unknown; text?: string };
        if (v.richText) return v.richText.map((t) => t.text).join('');
        if (v.text !== undefined) return v.text;
        if (v.result !== undefined) return cellText(v.result);
        return '';
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return '';
}

/** An action plan as read: its rows, the headings not read, and the text of any rows above the headings (a title). */
export type ActionPlanFileTable = ActionPlanTable & { ignoredHeadings: string[]; title: string };

/**
 * Reads an action plan file into a table of rows. Throws AppError when the headings are not there
 * (naming the missing ones); row-level problems are left to `mapActionPlan`.
 */
export async function readActionPlan(file: string): Promise<ActionPlanFileTable> {
    return tableOf(await readGrid(file), path.basename(file));
}

/**
 * Reads an action plan from CSV text (a file sent in Teams, a workbook already read as CSV), exactly
 * as `readActionPlan` reads a file; `label` names the file in errors.
 */
export function readActionPlanText(csv: string, label: string): ActionPlanFileTable {
    return tableOf(gridOfCsv(csv, label), label);
}

/** Whether CSV text is laid out as an action plan: a row (not necessarily the first) heads the objective and the action. */
export function looksLikeActionPlan(csv: string): boolean {
    try {
        return headingRowOf(gridOfCsv(csv, 'the file')) >= 0;
    } catch {
        return false;
    }
}

function headingRowOf(grid: string[][]): number {
    return grid.findIndex((cells) => {
        const found = new Set(cells.map(columnOf));
        return found.has('reference') && found.has('action');
    });
}

function tableOf(grid: string[][], label: string): ActionPlanFileTable {
    const headingAt = headingRowOf(grid);
    if (headingAt < 0) {
        throw new AppError(
            'actions.noHeadings',
            `${label} has no heading row naming the objective (or reference) and the action. ` +
                'The columns are: objective or reference, action, outcomes or milestones, lead, timescale or target, update. Nothing was imported.',
        );
    }
    const headings = grid[headingAt];
    const index: Partial<Record<ActionPlanColumn, number>> = {};
    const ignoredHeadings: string[] = [];
    headings.forEach((h, i) => {
        const column = columnOf(h);
        if (column && index[column] === undefined) index[column] = i;
        else if (h.trim()) ignoredHeadings.push(h.trim());
    });
    const missing = (['timescale'] as const).filter((c) => index[c] === undefined);
    if (missing.length > 0) {
        throw new AppError(
            'actions.noHeadings',
            `${label} has no ${missing.join(', ')} column (headed "Timescale" or "Target"). Nothing was imported.`,
        );
    }
    const rows: ActionPlanRow[] = [];
    for (let r = headingAt + 1; r < grid.length; r++) {
        const cells = grid[r];
        if (cells.every((c) => !c?.trim())) continue;
        if (cells.map(columnOf).filter(Boolean).length >= 2 && columnOf(cells[index.action!] ?? '') === 'action')
            continue;
        const pick = (c: ActionPlanColumn) => (index[c] === undefined ? '' : readCell(cells[index[c]] ?? ''));
        rows.push({
            row: r + 1,
            cells: Object.fromEntries(ACTION_PLAN_COLUMNS.map((c) => [c, pick(c)])) as Record<ActionPlanColumn, string>,
        });
    }
    return {
        updateHeading: index.update === undefined ? '' : headings[index.update].trim(),
        rows,
        ignoredHeadings,
        title: grid
            .slice(0, headingAt)
            .map((cells) =>
                cells
                    .map((c) => c.trim())
                    .filter(Boolean)
                    .join(' '),
            )
            .filter(Boolean)
            .join('\n'),
    };
}

const HEADINGS: Record<Exclude<ActionPlanColumn, 'update'>, string> = {
    reference: 'Reference',
    action: 'Action',
    outcomes: 'Outcomes',
    lead: 'Lead',
    timescale: 'Timescale',
};

/** Writes a plan in the columns the import reads: CSV (with a byte order mark, for Excel) or .xlsx. */
export async function writeActionPlan(
    file: string,
    plan: { updateHeading: string; rows: Record<ActionPlanColumn, string>[] },
): Promise<void> {
    const header = [
        ...ACTION_PLAN_COLUMNS.slice(0, 5).map((c) => HEADINGS[c as keyof typeof HEADINGS]),
        plan.updateHeading,
    ];
    const body = plan.rows.map((r) => ACTION_PLAN_COLUMNS.map((c) => r[c]));
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    try {
        if (isExcel(file)) {
            const { default: excel } = await import('exceljs');
            const book = new excel.Workbook();
            const sheet = book.addWorksheet('Action plan', { views: [{ state: 'frozen', ySplit: 1 }] });
            sheet.addRow(header).font = { bold: true };
            for (const r of body) sheet.addRow(r.map(neutraliseCell)).alignment = { vertical: 'top', wrapText: true };
            [10, 50, 40, 24, 18, 60].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
            await book.xlsx.writeFile(tmp);
        } else {
            fs.writeFileSync(tmp, stringify([header, ...body.map((r) => r.map(neutraliseCell))], { bom: true }));
        }
        fs.renameSync(tmp, file);
    } catch (err) {
        fs.rmSync(tmp, { force: true });
        throw new AppError('cli.unwritable', `Cannot write ${file}: ${(err as Error).message}.`);
    }
}

/** The plan as CSV text, for printing. */
export function actionPlanCsv(plan: { updateHeading: string; rows: Record<ActionPlanColumn, string>[] }): string {
    const header = [
        ...ACTION_PLAN_COLUMNS.slice(0, 5).map((c) => HEADINGS[c as keyof typeof HEADINGS]),
        plan.updateHeading,
    ];
    return stringify([header, ...plan.rows.map((r) => ACTION_PLAN_COLUMNS.map((c) => neutraliseCell(r[c])))]);
}
