/**
 * Turns a failure of `startLookout` into the dialog text the user sees before the app quits.
 * The common case is another program (often another Lookout, or Sentry's Spotlight, which also
 * defaults to 8969) already listening on the port.
 */
import { PortInUseError } from '../core/app';
import type { DesktopSettings } from './settings';

export interface StartupContext extends DesktopSettings {
  settingsFile: string;
  nativeBinding: string;
}

export interface StartupErrorText {
  title: string;
  message: string;
}

function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

function howToChangePort(context: StartupContext): string {
  const alternative = context.port < 65535 ? context.port + 1 : context.port - 1;
  if (context.portSource === 'env') {
    return `The port comes from the LOOKOUT_PORT environment variable: set it to another port, e.g. ${alternative}.`;
  }
  return `Choose another port in\n${context.settingsFile}\nfor example { "port": ${alternative} }.`;
}

export function describeStartupError(error: unknown, context: StartupContext): StartupErrorText {
  const { port } = context;
  const code = errorCode(error);
  if (error instanceof PortInUseError || code === 'EADDRINUSE' || code === 'EACCES') {
    const inUse = code !== 'EACCES';
    return {
      title: inUse ? `Port ${port} is already in use` : `Port ${port} is not allowed`,
      message: `Lookout could not listen on 127.0.0.1:${port}`
        + (inUse ? ', another program (another Lookout, or Spotlight) is using it.' : '.')
        + `\n\nStop that program, or: ${howToChangePort(context)}\n\n`
        + 'Then start Lookout again, and point your SDK DSNs at the new port.',
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node/.test(message)) {
    return {
      title: 'Lookout’s database module is not built for Electron',
      message: `${message}\n\nRun \`node scripts/electron-native.mjs --force\` in the Lookout folder `
        + `(it writes ${context.nativeBinding}), then start Lookout again.`,
    };
  }
  return { title: 'Lookout could not start', message };
}
