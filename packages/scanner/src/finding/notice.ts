/**
 * A notice: not a secret, but something a reviewer of a range should see because it moves the
 * gate itself. Listed in the summary, JSON (`notices`) and SARIF (level `note`); never changes the
 * exit code on its own.
 */
export type NoticeRule =
  /** The range adds, changes or deletes the config or the baseline file the gate uses. */
  | 'keyless-gate-change'
  /** The range adds a `keyless-ignore` comment. */
  | 'keyless-ignore-added';

export interface Notice {
  readonly ruleId: NoticeRule;
  /** Relative to the scan root (forward slashes); the repository's top level for gate files outside it. */
  readonly path: string;
  /** 1-based; 1 for a whole-file change. */
  readonly line: number;
  /** One line, no secret (an ignore comment's line is not quoted). */
  readonly message: string;
}

export const NOTICE_RULES: readonly { readonly id: NoticeRule; readonly title: string; readonly description: string }[] = [
  {
    id: 'keyless-gate-change',
    title: 'The range changes the secret gate\'s settings',
    description:
      'The range adds, changes or deletes the keyless config or baseline. The scan used the settings of the range\'s base; review the change.',
  },
  {
    id: 'keyless-ignore-added',
    title: 'The range adds a keyless-ignore comment',
    description: 'A keyless-ignore comment silences findings on its line; the findings it silences are reported as suppressed results.',
  },
];
