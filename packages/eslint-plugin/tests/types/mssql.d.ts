// Ambient types for the parts of `mssql` the SQL rule rewrites, modelled on @types/mssql's `config`
// (the package itself is not installed). Used by the suggestion type-check test only.
declare module 'mssql' {
  import type { AuthenticationOptions } from 'tedious';
  export interface config {
    server: string;
    database?: string;
    port?: number;
    user?: string;
    password?: string;
    domain?: string;
    authentication?: AuthenticationOptions;
    options?: { encrypt?: boolean; trustServerCertificate?: boolean };
  }
  export class ConnectionPool {
    constructor(config: config | string);
    connect(): Promise<ConnectionPool>;
  }
  export function connect(config: config | string): Promise<ConnectionPool>;
  const sql: { ConnectionPool: typeof ConnectionPool; connect: typeof connect };
  export default sql;
}
