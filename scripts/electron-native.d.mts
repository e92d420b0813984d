export function electronBuildEnv(env: Record<string, string | undefined>): Record<string, string>;
export function copyAddonSources(packageDir: string, destDir: string): void;
export function buildElectronNative(opts: { root: string; electronVersion: string; platform?: string; arch?: string }): string;
export function isNativeCurrent(root: string, electronVersion: string, platform?: string, arch?: string): boolean;
