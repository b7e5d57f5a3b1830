/**
 * Spreadsheets in and out: CSV text decoded from bytes (UTF-8 only, refused with how to fix it
 * otherwise), an .xlsx workbook's first sheet read as CSV text, and CSV text written as an .xlsx
 * workbook. The imports read CSV text, so a workbook goes through exactly the same checks as a CSV file.
 * The type of a file is taken from its content, never from its name.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../errors.js';

export type SpreadsheetType = 'csv' | 'xlsx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The file's type from its first bytes: a ZIP container (an .xlsx workbook is one) or text. Anything
 * else (an image, a PDF, a UTF-16 export) is `undefined`. A ZIP is only confirmed as a workbook when
 * it is read (`xlsxToCsv`).
 */
export function sniffType(bytes: Buffer): SpreadsheetType | undefined {
    if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
    if (bytes.length === 0) return 'csv';
    const head = bytes.subarray(0, 4096);
    if (head.includes(0)) return undefined;
    if (/^%PDF-|^\x89PNG|^GIF8|^\xFF\xD8\xFF/.test(head.subarray(0, 8).toString('latin1'))) return undefined;
    return 'csv';
}

/**
 * Decodes CSV bytes as UTF-8 (a byte-order mark is fine). UTF-16 or binary content and text in another
 * encoding (such as Windows-1252) are refused with an AppError (`csv.encoding`) saying how to save the
 * file properly; `label` names the file in the message.
 */
export function decodeCsv(bytes: Buffer, label: string): string {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    if (utf16 || bytes.subarray(0, 4096).includes(0)) {
        throw new AppError(
            'csv.encoding',
            `${label} is not a text CSV file in UTF-8 (it looks like UTF-16 or a binary file). In Excel, save it as "CSV UTF-8 (comma delimited)". Nothing was imported.`,
        );
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD')) {
        const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
        throw new AppError(
            'csv.encoding',
            `${label} is not UTF-8 (line ${line} has characters in another encoding, such as Windows-1252). In Excel, save it as "CSV UTF-8 (comma delimited)". Nothing was imported.`,
        );
    }
    return text;
}

/** The header row of CSV text (empty for an empty file). */
export function csvHeaders(text: string): string[] {
    const rows = parse(text.replace(/^\uFEFF/, ''), { to_line: 1, relax_column_count: true, bom: true });
    return rows[0] ?? [];
}

/** A cell's value as text, the way the CSV import expects it (dates as YYYY-MM-DD). */
function cellText(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object') {
        const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
        if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
        if (v.result !== undefined) return cellText(v.result);
        if (typeof v.text === 'string') return v.text;
        if (typeof v.hyperlink === 'string') return v.hyperlink;
        return '';
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return '';
}

/**
 * Reads the first worksheet of an .xlsx workbook as CSV text, every row as far as the widest row goes
 * (a title above the headings, as action plans have, is only one cell wide), with empty trailing rows
 * and columns dropped. A ZIP that is not a workbook (a Word document, an archive) or a broken one is
 * refused with an AppError (`file.notSpreadsheet`) naming `label`.
 */
export async function xlsxToCsv(bytes: Buffer, label: string): Promise<string> {
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    try {
        await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
        throw new AppError(
            'file.notSpreadsheet',
            `${label} is not an Excel workbook I can read (it may be another kind of file, or damaged). Nothing was imported.`,
        );
    }
    const sheet = book.worksheets[0];
    if (!sheet) throw new AppError('file.notSpreadsheet', `${label} has no worksheet. Nothing was imported.`);
    let width = 0;
    sheet.eachRow({ includeEmpty: true }, (row) => void (width = Math.max(width, row.cellCount)));
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
        const cells: string[] = [];
        for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
        rows.push(cells);
    });
    while (rows.length > 1 && rows[rows.length - 1].every((c) => c === '')) rows.pop();
    while (width > 1 && rows.every((r) => r[width - 1] === '')) {
        width -= 1;
        for (const r of rows) r.pop();
    }
    return stringify(rows, { record_delimiter: '\n' });
}

/**
 * Writes CSV text (header row first) as an .xlsx workbook with one sheet: headers bold and frozen,
 * every cell stored as text so nothing is taken for a number, a date or a formula.
 */
export async function csvToXlsx(csv: string, sheetName: string): Promise<Buffer> {
    const { default: excel } = await import('exceljs');
    const rows = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true });
    const book = new excel.Workbook();
    const ws = book.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const r of rows) ws.addRow(r).eachCell((cell) => (cell.numFmt = '@'));
    ws.getRow(1).font = { bold: true };
    (rows[0] ?? []).forEach((h, i) => (ws.getColumn(i + 1).width = Math.min(60, Math.max(12, h.length + 4))));
    return Buffer.from(await book.xlsx.writeBuffer());
}
