/**
 * The posture reader for a file: its language from the path (detect/posture/languages.ts), then the
 * matching reader. Returns undefined for files posture rules do not read; a file that cannot be read
 * (malformed YAML or JSON, or input deep enough to exhaust the stack) gives `error` instead of
 * throwing, so the secret scan of the same file goes on.
 */
import { postureLanguageOf } from '../../detect/posture/languages.js';
import type { PostureDoc } from '../../detect/posture/tree.js';
import { readArm } from './arm.js';
import { readBicep } from './bicep.js';
import { readHcl } from './hcl.js';
import { readYamlTree } from './yaml-tree.js';

export type PostureRead = { readonly doc: PostureDoc } | { readonly error: string } | undefined;

export function readPostureDoc(path: string, text: string): PostureRead {
  const language = postureLanguageOf(path, text);
  if (!language) return undefined;
  try {
    switch (language) {
      case 'github-actions':
      case 'azure-pipelines': {
        const root = readYamlTree(text);
        return { doc: { language, text, decls: [], ...(root ? { root } : {}) } };
      }
      case 'arm': {
        const arm = readArm(text);
        return { doc: { language, text, decls: arm?.decls ?? [], ...(arm ? { root: arm.root } : {}) } };
      }
      case 'bicep':
        return { doc: { language, text, decls: readBicep(text) } };
      case 'terraform':
        return { doc: { language, text, decls: readHcl(text) } };
    }
  } catch (err) {
    return { error: `${path}: could not be read for posture rules as ${language} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
}
