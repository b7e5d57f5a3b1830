// ESLint: typescript-eslint's strict and stylistic rule sets with type information, over the
// TypeScript of src, test, scripts and bench. Layout is Prettier's (eslint-config-prettier turns off
// every rule it owns); which folder may import which is dependency-cruiser's (.dependency-cruiser.cjs).
// `npm run lint` runs all three.
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
    {
        ignores: ['node_modules/', 'dist/', 'coverage/', 'appPackage/build/', '.tmp/', 'data/'],
    },
    {
        files: ['**/*.ts'],
        extends: [
            js.configs.recommended,
            tseslint.configs.strictTypeChecked,
            tseslint.configs.stylisticTypeChecked,
            comments.recommended,
        ],
        languageOptions: {
            parserOptions: {
                projectService: {
                    // The scratch files test/lint/lintConfig.test.ts writes sit in dot folders, which
                    // tsconfig's globs skip (so tsc never sees them); they are type-checked with its options.
                    allowDefaultProject: ['src/*/.lintcheck/*.ts'],
                    defaultProject: 'tsconfig.json',
                },
                tsconfigRootDir: import.meta.dirname,
            },
            globals: { ...globals.node },
        },
        linterOptions: {
            reportUnusedDisableDirectives: 'error',
        },
        rules: {
            // The rules the project relies on most, named here so that a change to the shared sets cannot
            // drop them: an unawaited send or save loses a reply or a write.
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/no-misused-promises': 'error',
            '@typescript-eslint/switch-exhaustiveness-check': [
                'error',
                // A `default` that handles the rest on purpose is fine; a switch over a union without one
                // must name every member.
                { considerDefaultExhaustiveForUnions: true },
            ],
            '@typescript-eslint/consistent-type-imports': [
                'error',
                { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
            ],
            '@typescript-eslint/no-explicit-any': 'error',
            // `import { type X }` alone still loads the module at run time; `import type { X }` does not.
            '@typescript-eslint/no-import-type-side-effects': 'error',
            // Numbers (counts, row numbers, minutes) have one obvious text form in a message; booleans,
            // nullish values and objects in a template are still errors, since they print "undefined" or
            // "[object Object]" to a person.
            '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
            // One-line callbacks such as `(err) => log.warn(err)` return what the call returns; only a
            // void value used elsewhere (assigned, returned from a block) is confusing.
            '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
            // An empty string or `false` means "not given" in a CSV cell, a trimmed name or a command-line
            // flag, and `||` says so on purpose there; for other values `??` is the rule.
            '@typescript-eslint/prefer-nullish-coalescing': [
                'error',
                { ignorePrimitives: { string: true, boolean: true } },
            ],
            // Off: tsconfig does not set noUncheckedIndexedAccess, so the rule calls every guard on an
            // array element (`rows[i]?.x`) unnecessary; and Bot Framework types activity fields such as
            // `from`, `conversation` and `value` as always present, while a malformed or forged activity
            // (test/security) lacks them. Removing those guards would make the bot crash on bad input.
            '@typescript-eslint/no-unnecessary-condition': 'off',
            // Off: a `!` here states what the code has just established and the compiler cannot follow
            // (a Map entry set a line above, a regular expression's group that matched); rewriting each
            // as a throw adds branches no input can reach. Wrong guesses still fail loudly in tests.
            '@typescript-eslint/no-non-null-assertion': 'off',
            // Off: teams-ai route handlers, the sender's hooks and the store's interface are async by
            // signature. An `async` function that does not await today still turns a throw into a
            // rejected promise, which its caller handles; dropping `async` would make it throw instead.
            '@typescript-eslint/require-await': 'off',
            // Off: Bot Framework's `activity.type` is a string and botbuilder's `ActivityTypes` enum is
            // the documented way to name its values, so comparing the two is the SDK's own idiom.
            '@typescript-eslint/no-unsafe-enum-comparison': 'off',
            // Leading underscore marks a value left out on purpose (`const { history: _history, ...rest }`).
            '@typescript-eslint/no-unused-vars': [
                'error',
                {
                    argsIgnorePattern: '^_',
                    varsIgnorePattern: '^_',
                    caughtErrorsIgnorePattern: '^_',
                    destructuredArrayIgnorePattern: '^_',
                    ignoreRestSiblings: true,
                },
            ],
            // A disable names its rule and says why: `// eslint-disable-next-line rule -- reason`.
            '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
            '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
        },
    },
    {
        // Plain JavaScript (this file, bin/, the mocha reporter) is linted without type information.
        files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
        extends: [js.configs.recommended, tseslint.configs.disableTypeChecked],
        languageOptions: { globals: { ...globals.node } },
    },
    {
        // mocha's `describe`/`it` callbacks are the test files' top level.
        files: ['test/**/*.ts'],
        languageOptions: { globals: { ...globals.mocha } },
        rules: {
            // Tests read what went over the wire (the fake Bot Connector's captured activities, HTTP
            // bodies, card JSON) untyped, on purpose: the assertions are the check of its shape, and a
            // wrong guess fails the test. `any` written by hand is still an error (no-explicit-any).
            '@typescript-eslint/no-unsafe-assignment': 'off',
            '@typescript-eslint/no-unsafe-member-access': 'off',
            '@typescript-eslint/no-unsafe-call': 'off',
            '@typescript-eslint/no-unsafe-argument': 'off',
            '@typescript-eslint/no-unsafe-return': 'off',
        },
    },
    prettier,
);
