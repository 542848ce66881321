/**
 * Federated credential subjects with the real repository: rules write `repo:<owner>/<repo>:...`
 * (GitHub) and `sc://<organization>/<project>/...` (Azure Pipelines), since a file does not know where
 * it lives; when the scanned repository's `origin` is on GitHub or Azure DevOps, reports and
 * `keyless explain` show `repo:acme/app:...` / `sc://contoso/Web/...` instead. A remote URL is
 * untrusted input: only names made of the characters those services allow are used, anything else
 * keeps the placeholder. Pure.
 */

export const REPOSITORY_PLACEHOLDER = '<owner>/<repo>';
export const PROJECT_PLACEHOLDER = '<organization>/<project>';

/** Where the scanned repository is hosted, as far as subjects need it. */
export interface RepositoryOrigin {
  /** `owner/name` on GitHub. */
  readonly github?: string;
  /** `organization/project` on Azure DevOps. */
  readonly azureDevOps?: string;
}

/** GitHub's rules: owner 1-39 letters, digits and inner hyphens; repository 1-100 of `A-Za-z0-9._-`, not `.` or `..`. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** Azure DevOps: organization 1-50 letters, digits and inner hyphens; project names kept to letters, digits, space, `.`, `_`, `-`. */
const ORGANIZATION = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/;
const PROJECT = /^[A-Za-z0-9_-](?:[A-Za-z0-9._ -]{0,62}[A-Za-z0-9_-])?$/;

/** `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://git@github.com/o/r.git`. */
const GITHUB_URL = /^(?:https:\/\/(?:[^@/]{1,200}@)?github\.com\/|ssh:\/\/git@github\.com(?::22)?\/|git@github\.com:)([^/]{1,100})\/([^/]{1,110})$/i;
/** `https://[user@]dev.azure.com/org/project/_git/repo`, `git@ssh.dev.azure.com:v3/org/project/repo`, `https://org.visualstudio.com/[DefaultCollection/]project/_git/repo`. */
const AZURE_DEVOPS_URLS: readonly RegExp[] = [
  /^https:\/\/(?:[^@/]{1,200}@)?dev\.azure\.com\/([^/]{1,100})\/([^/]{1,200})\/_git\/[^/]{1,200}$/i,
  /^(?:ssh:\/\/)?git@ssh\.dev\.azure\.com(?::|\/)v3\/([^/]{1,100})\/([^/]{1,200})\/[^/]{1,200}$/i,
  /^https:\/\/(?:[^@/]{1,200}@)?([^./@]{1,100})\.visualstudio\.com\/(?:DefaultCollection\/)?([^/]{1,200})\/_git\/[^/]{1,200}$/i,
];

/** `owner/name` of a GitHub remote URL, or undefined (not GitHub, or not a valid name). */
export function githubRepositoryOf(url: string): string | undefined {
  const m = GITHUB_URL.exec(url.trim().replace(/\/$/, ''));
  if (!m) return undefined;
  const owner = m[1]!;
  const name = m[2]!.replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !NAME.test(name) || name === '.' || name === '..') return undefined;
  return `${owner}/${name}`;
}

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** `organization/project` of an Azure DevOps remote URL, or undefined. */
export function azureDevOpsProjectOf(url: string): string | undefined {
  const trimmed = url.trim().replace(/\/$/, '');
  for (const re of AZURE_DEVOPS_URLS) {
    const m = re.exec(trimmed);
    if (!m) continue;
    const organization = m[1]!;
    const project = decoded(m[2]!);
    return ORGANIZATION.test(organization) && project !== undefined && PROJECT.test(project) ? `${organization}/${project}` : undefined;
  }
  return undefined;
}

export function originOf(url: string): RepositoryOrigin {
  const github = githubRepositoryOf(url);
  if (github !== undefined) return { github };
  const azureDevOps = azureDevOpsProjectOf(url);
  return azureDevOps !== undefined ? { azureDevOps } : {};
}

/** The text with the subject placeholders replaced by the origin's names (already validated). */
export function withOrigin(text: string, origin: RepositoryOrigin): string {
  let out = text;
  if (origin.github !== undefined) out = out.split(`repo:${REPOSITORY_PLACEHOLDER}:`).join(`repo:${origin.github}:`);
  if (origin.azureDevOps !== undefined) out = out.split(`sc://${PROJECT_PLACEHOLDER}/`).join(`sc://${origin.azureDevOps}/`);
  return out;
}
