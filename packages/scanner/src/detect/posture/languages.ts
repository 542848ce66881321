/**
 * Which posture language a file is in, from its path (and, for JSON, whether it declares the ARM
 * deployment template schema near its start). A cheap test first: most files end in none of
 * `.yml`, `.yaml`, `.bicep`, `.tf`, `.json` and cost one string comparison. Pure.
 */
import type { PostureLanguage } from './tree.js';

const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
/** A path segment naming Azure Pipelines: `azure-pipelines.yml`, `build-pipeline.yaml`, `.pipelines/`, `.azuredevops/`. */
const PIPELINE_SEGMENT = /pipeline|^\.azuredevops$|^\.ado$/i;

/** `azure-pipelines.yml`, `ci/build-pipeline.yaml`, `.azure-pipelines/deploy.yml`, `.azuredevops/templates/x.yml`. */
function isAzurePipelinePath(path: string): boolean {
  return path.split('/').some((segment) => PIPELINE_SEGMENT.test(segment));
}
/** How far into a JSON file the ARM schema reference is looked for. */
const ARM_SCHEMA_WINDOW = 2048;
const ARM_SCHEMA = /schema\.management\.azure\.com\/schemas\/[^"]*deploymentTemplate\.json/i;

function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1).toLowerCase() : '';
}

/** Could this path hold a posture file at all (no text needed)? The hot-path test. */
export function mayBePostureFile(path: string): boolean {
  const ext = extensionOf(path);
  return ext === 'yml' || ext === 'yaml' || ext === 'bicep' || ext === 'tf' || ext === 'json';
}

/** The posture language of a file, or undefined when posture rules do not read it. */
export function postureLanguageOf(path: string, text: string): PostureLanguage | undefined {
  switch (extensionOf(path)) {
    case 'bicep':
      return 'bicep';
    case 'tf':
      return 'terraform';
    case 'json':
      return ARM_SCHEMA.test(text.slice(0, ARM_SCHEMA_WINDOW)) ? 'arm' : undefined;
    case 'yml':
    case 'yaml':
      if (WORKFLOW.test(path)) return 'github-actions';
      return isAzurePipelinePath(path) ? 'azure-pipelines' : undefined;
    default:
      return undefined;
  }
}
