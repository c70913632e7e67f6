// Where ZenML keeps the files that decide the active stack, so that the editor
// can watch them and re-ask ZenML when they change. Only locating files here:
// which stack is active is always ZenML's answer (helper.py), never ours.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** ZenML's global configuration directory (facts §4): ZENML_CONFIG_PATH, else the platform's default. */
export function globalConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.ZENML_CONFIG_PATH?.trim();
  if (override) return override;
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'zenml');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'zenml');
  // ZenML uses click.get_app_dir, which honours XDG_CONFIG_HOME on Linux.
  return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config'), 'zenml');
}

export function globalConfigFile(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, home?: string): string {
  return path.join(globalConfigDir(env, platform, home), 'config.yaml');
}

/**
 * The ZenML repository root for code in `start`: ZENML_REPOSITORY_PATH when set, else the
 * nearest folder at or above `start` that has a `.zen` directory; null when there is none.
 */
export function findRepositoryRoot(
  start: string,
  env: NodeJS.ProcessEnv = process.env,
  isDirectory: (p: string) => boolean = defaultIsDirectory,
): string | null {
  const fromEnv = env.ZENML_REPOSITORY_PATH?.trim();
  if (fromEnv) return isDirectory(path.join(fromEnv, '.zen')) ? fromEnv : null;
  let dir = path.resolve(start);
  for (;;) {
    if (isDirectory(path.join(dir, '.zen'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function defaultIsDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
