export const NATIVE_CACHE_DIR: string;
export const NATIVE_ADDON_NAME: string;
export const NATIVE_STAMP_NAME: string;
export function electronNativeDir(root: string, electronVersion: string, platform?: string, arch?: string): string;
export function electronNativeBindingPath(root: string, electronVersion: string, platform?: string, arch?: string): string;
export function findElectronBinary(electronPackageDir: string, env?: Record<string, string | undefined>): string | null;
