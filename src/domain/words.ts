/**
 * Numbers in words, the way the partnership's papers write them: "1 objective", "3 objectives".
 */

const rules = new Intl.PluralRules('en-GB');

/**
 * A count with its noun, singular or plural as the number needs (`counted(1, 'chair')` is "1 chair",
 * `counted(0, 'chair')` is "0 chairs"). `plural` is for nouns that do not just add "s"
 * (`counted(2, 'entry', 'entries')`).
 */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
    return `${n} ${rules.select(n) === 'one' ? noun : plural}`;
}
