/**
 * Where a program would be found if Lookout started it, without starting it: "open in editor"
 * must not offer (or auto-detect) an editor whose command is not installed, which used to end in
 * "spawn code ENOENT" only once the user clicked a frame.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The platform facts a lookup depends on (injectable so tests cover macOS and Windows on Linux). */
export interface ProgramHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Whether `file` exists and may be run. */
  isExecutable?: (file: string) => boolean;
}

const MAX_PATH_DIRS = 64;

function defaultIsExecutable(platform: NodeJS.Platform) {
  return (file: string): boolean => {
    try {
      if (!statSync(file).isFile()) return false;
      // Windows has no execute bit: any file with an executable extension runs.
      if (platform !== 'win32') accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * The command-line launchers macOS editors ship inside their app bundles: an app dragged into
 * /Applications works without "Install 'code' command in PATH". Paths from each editor's docs.
 * @see https://code.visualstudio.com/docs/setup/mac#_launch-vs-code-from-the-command-line
 * @see https://www.sublimetext.com/docs/command_line.html
 * @see https://zed.dev/docs/getting-started#cli
 * @see https://www.jetbrains.com/help/idea/working-with-the-ide-features-from-command-line.html
 */
const MAC_BUNDLE_LAUNCHERS: Record<string, string[]> = {
  code: ['Visual Studio Code.app/Contents/Resources/app/bin/code'],
  'code-insiders': ['Visual Studio Code - Insiders.app/Contents/Resources/app/bin/code'],
  codium: ['VSCodium.app/Contents/Resources/app/bin/codium'],
  cursor: ['Cursor.app/Contents/Resources/app/bin/cursor'],
  subl: ['Sublime Text.app/Contents/SharedSupport/bin/subl'],
  zed: ['Zed.app/Contents/MacOS/cli'],
  idea: ['IntelliJ IDEA.app/Contents/MacOS/idea', 'IntelliJ IDEA CE.app/Contents/MacOS/idea', 'IntelliJ IDEA Ultimate.app/Contents/MacOS/idea'],
  webstorm: ['WebStorm.app/Contents/MacOS/webstorm'],
  pycharm: ['PyCharm.app/Contents/MacOS/pycharm', 'PyCharm CE.app/Contents/MacOS/pycharm'],
  goland: ['GoLand.app/Contents/MacOS/goland'],
  phpstorm: ['PhpStorm.app/Contents/MacOS/phpstorm'],
  rubymine: ['RubyMine.app/Contents/MacOS/rubymine'],
  clion: ['CLion.app/Contents/MacOS/clion'],
  rider: ['Rider.app/Contents/MacOS/rider'],
  rustrover: ['RustRover.app/Contents/MacOS/rustrover'],
};

/** Extensions Windows runs a bare name with, in its order (`PATHEXT`), limited to the ones we can start. */
function windowsExtensions(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').map((e) => e.trim().toLowerCase());
  return listed.filter((e) => ['.com', '.exe', '.bat', '.cmd'].includes(e));
}

/**
 * The absolute path `program` resolves to, as the OS would find it: an explicit path as is, else
 * each absolute `PATH` folder (on Windows with `PATHEXT`'s extensions, so `code` finds `code.cmd`),
 * then on macOS the launchers inside app bundles in /Applications and ~/Applications. Null when
 * nothing runnable is there.
 */
export function findProgram(program: string, host: ProgramHost): string | null {
  const name = program.trim();
  if (!name || name.includes('\0')) return null;
  const pathApi = host.platform === 'win32' ? path.win32 : path.posix;
  const isExecutable = host.isExecutable ?? defaultIsExecutable(host.platform);
  // On Windows a bare `code` runs `code.exe` or `code.cmd`; a name with its extension runs as is.
  const candidates = (base: string): string[] => {
    if (host.platform !== 'win32' || /\.(com|exe|bat|cmd)$/i.test(base)) return [base];
    return windowsExtensions(host.env).map((e) => base + e);
  };
  if (name.includes('/') || (host.platform === 'win32' && name.includes('\\'))) {
    if (!pathApi.isAbsolute(name)) return null;
    return candidates(name).find(isExecutable) ?? null;
  }
  const pathVar = host.env.PATH ?? host.env.Path ?? '';
  const dirs = pathVar.split(host.platform === 'win32' ? ';' : ':').filter((d) => pathApi.isAbsolute(d)).slice(0, MAX_PATH_DIRS);
  for (const dir of dirs) {
    const found = candidates(pathApi.join(dir, name)).find(isExecutable);
    if (found) return found;
  }
  if (host.platform === 'darwin') {
    const apps = ['/Applications', ...(host.env.HOME ? [path.posix.join(host.env.HOME, 'Applications')] : [])];
    for (const launcher of MAC_BUNDLE_LAUNCHERS[name] ?? []) {
      for (const folder of apps) {
        const file = path.posix.join(folder, launcher);
        if (isExecutable(file)) return file;
      }
    }
  }
  return null;
}

/** Characters cmd.exe gives a meaning to even inside quotes; an argument holding one is refused. */
const CMD_UNSAFE = /["%!^&|<>\r\n]/;

/**
 * How to start a resolved program without a shell. A Windows `.cmd`/`.bat` launcher (VS Code's
 * `code.cmd`) cannot be spawned directly (Node refuses since CVE-2024-27980), so it runs through
 * `cmd.exe /d /s /c` with each argument quoted; arguments cmd.exe would still interpret are refused
 * rather than escaped, as event data picks the file name.
 * @see https://nodejs.org/en/blog/vulnerability/april-2024-security-releases-2
 */
export function spawnPlan(resolved: string, args: string[], platform: NodeJS.Platform): { cmd: string; args: string[]; verbatim: boolean } | { error: string } {
  if (platform !== 'win32' || !/\.(bat|cmd)$/i.test(resolved)) return { cmd: resolved, args, verbatim: false };
  const words = [resolved, ...args];
  if (words.some((w) => CMD_UNSAFE.test(w))) return { error: 'the path holds characters cmd.exe would interpret' };
  const line = words.map((w) => `"${w}"`).join(' ');
  return { cmd: 'cmd.exe', args: ['/d', '/s', '/c', `"${line}"`], verbatim: true };
}
