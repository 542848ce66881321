// Ambient types for the parts of `tedious` the SQL rule rewrites, modelled on tedious 18's
// `AuthenticationOptions` union (the package itself is not installed). Used by the suggestion
// type-check test only.
declare module 'tedious' {
  export interface DefaultAuthentication {
    type: 'default';
    options: { userName?: string; password?: string };
  }
  export interface NtlmAuthentication {
    type: 'ntlm';
    options: { userName: string; password: string; domain: string };
  }
  export interface AzureActiveDirectoryPasswordAuthentication {
    type: 'azure-active-directory-password';
    options: { userName: string; password: string; clientId: string; tenantId?: string };
  }
  export interface AzureActiveDirectoryServicePrincipalSecret {
    type: 'azure-active-directory-service-principal-secret';
    options: { clientId: string; clientSecret: string; tenantId: string };
  }
  export interface AzureActiveDirectoryDefaultAuthentication {
    type: 'azure-active-directory-default';
    options: { clientId?: string };
  }
  export interface AzureActiveDirectoryMsiAppServiceAuthentication {
    type: 'azure-active-directory-msi-app-service';
    options: { clientId?: string };
  }
  export interface AzureActiveDirectoryMsiVmAuthentication {
    type: 'azure-active-directory-msi-vm';
    options: { clientId?: string };
  }
  export type AuthenticationOptions =
    | DefaultAuthentication
    | NtlmAuthentication
    | AzureActiveDirectoryPasswordAuthentication
    | AzureActiveDirectoryServicePrincipalSecret
    | AzureActiveDirectoryDefaultAuthentication
    | AzureActiveDirectoryMsiAppServiceAuthentication
    | AzureActiveDirectoryMsiVmAuthentication;
  export interface ConnectionConfiguration {
    server: string;
    authentication?: AuthenticationOptions;
    options?: { database?: string; encrypt?: boolean; port?: number };
  }
  export class Connection {
    constructor(config: ConnectionConfiguration);
    connect(callback?: (err?: Error) => void): void;
  }
}
