/** The report formats `--format` accepts (no imports: the CLI checks the option before loading any renderer). */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'azure'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}
