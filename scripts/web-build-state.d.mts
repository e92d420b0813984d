export interface WebTarget { name: string; output: string; config: string; inputs: string[] }
export const WEB_TARGETS: WebTarget[];
export function newestMtime(paths: string[]): number;
export function staleReason(outputMtime: number | null, newestInputMtime: number): string | null;
export function planWebBuild(root: string, targets?: WebTarget[]): Array<WebTarget & { reason: string }>;
