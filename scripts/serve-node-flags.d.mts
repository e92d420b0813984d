export function shebangNodeFlags(file: string): string[];
