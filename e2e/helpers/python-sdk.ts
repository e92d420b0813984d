import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The system Python with Debian's python3-sentry-sdk, and the shop app of test/fixtures/sdk-python it runs. */
export const PYTHON = '/usr/bin/python3';
export const PYTHON_SHOP = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/sdk-python/shop.py');
export const hasPythonSdk = spawnSync(PYTHON, ['-c', 'import sentry_sdk'], { stdio: 'ignore' }).status === 0;
export const NO_PYTHON_SDK = `${PYTHON} cannot import sentry_sdk: install the Debian package python3-sentry-sdk`;
