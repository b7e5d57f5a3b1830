/**
 * Reads a CSV file for an import. Spreadsheets save CSV in several encodings; only UTF-8 (with or
 * without a byte-order mark) is read, and anything else is refused with how to fix it, rather than
 * importing mangled names.
 */
import fs from 'node:fs';
import { AppError } from '../errors.js';

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
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    if (utf16 || bytes.subarray(0, 4096).includes(0)) {
        throw new AppError(
            'csv.encoding',
            `${file} is not a text CSV file in UTF-8 (it looks like UTF-16 or a binary file). In Excel, save it as "CSV UTF-8 (comma delimited)". Nothing was imported.`,
        );
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD')) {
        const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
        throw new AppError(
            'csv.encoding',
            `${file} is not UTF-8 (line ${line} has characters in another encoding, such as Windows-1252). In Excel, save it as "CSV UTF-8 (comma delimited)". Nothing was imported.`,
        );
    }
    return text;
}
