import { spawn, spawnSync } from 'node:child_process';

/**
 * Why a real-SDK test cannot run here, or null when it can: the first probe that fails names the
 * Debian package to install (CI installs them all in `.ci/run`).
 */
export function missingTool(probes: { command: string; args: string[]; debianPackage: string }[]): string | null {
  for (const probe of probes) {
    const result = spawnSync(probe.command, probe.args, { stdio: 'ignore', timeout: 20_000 });
    if (result.status !== 0) return `${probe.command} ${probe.args.join(' ')} failed: install the Debian package ${probe.debianPackage}`;
  }
  return null;
}

export interface AppRun {
  exitCode: number | null;
  /** Event ids the app printed, by the name it gave each (`{"name": "...", "id": "..."}` lines). */
  ids: Map<string, string>;
  stderr: string;
}

/** Runs an SDK test app to its end and collects the ids of what it captured. */
export function runSdkApp(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<AppRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const ids = new Map<string, string>();
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        const { name, id } = JSON.parse(line) as { name: string; id: string };
        ids.set(name, id);
      }
      resolve({ exitCode, ids, stderr });
    });
  });
}
