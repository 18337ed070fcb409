// Types for scripts/serve-web.mjs, for TypeScript callers (tests, playwright.config.ts).
export const DEFAULT_ROOT: string;
export const DEFAULT_PORT: number;

export interface ServeWebOptions {
  /** Folder to serve; defaults to the project's out/renderer. */
  root?: string;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  /** Defaults to 5178; 0 picks any free port. */
  port?: number;
  /** When false (default), a busy port moves on to the next free one. */
  strictPort?: boolean;
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serveWeb(options?: ServeWebOptions): Promise<WebServer>;
export function contentType(path: string): string;
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | null;
export function resolveInRoot(root: string, urlPath: string): Promise<string | null>;
