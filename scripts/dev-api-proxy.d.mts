import type { Plugin } from 'vite';
export const PROXIED_PREFIXES: string[];
export function readApiOrigin(originFile: string, fallbackOrigin: string): string;
export function devApiProxy(options: { originFile: string; fallbackOrigin?: string }): Plugin;
