/**
 * Reads a CSV file for an import. Spreadsheets save CSV in several encodings; only UTF-8 (with or
 * without a byte-order mark) is read, and anything else is refused with how to fix it, rather than
 * importing mangled names (`files/spreadsheet.ts` decodes; a file sent in Teams goes the same way).
 */
import fs from 'node:fs';
import { AppError } from '../errors.js';
import { decodeCsv } from '../formats/spreadsheet.js';

export function readCsvFile(file: string): string {
    let bytes: Buffer;
    try {
        bytes = fs.readFileSync(file);
    } catch (err) {
        const e = err as NodeJS.ErrnoException;
        throw new AppError(
            'csv.unreadable',
            `Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}. Nothing was imported.`,
        );
    }
    return decodeCsv(bytes, file);
}
