/**
 * The renderer of one report format, loaded on use: a scan prints one format, so it loads that
 * reporter's modules only (SARIF's rule metadata and remediation texts are not needed for text).
 */
import type { Finding } from '../finding/finding.js';
import type { ReportFormat } from './formats.js';
import type { ReportContext } from './report-context.js';

export type Renderer = (findings: readonly Finding[], ctx: ReportContext) => string;

const LOADERS: Record<ReportFormat, () => Promise<Renderer>> = {
  text: async () => (await import('./text.js')).renderText,
  json: async () => (await import('./json.js')).renderJson,
  sarif: async () => (await import('./sarif.js')).renderSarif,
  github: async () => (await import('./github.js')).renderGithub,
  azure: async () => (await import('./azure.js')).renderAzure,
};

export function loadRenderer(format: ReportFormat): Promise<Renderer> {
  return LOADERS[format]();
}
