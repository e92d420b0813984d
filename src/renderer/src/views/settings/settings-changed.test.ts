import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../../shared/api-types';
import { settingsChanged } from './settings-changed';

const SAVED: Settings = {
  port: 8969, dataDir: '/data', retention: { maxEvents: 1_000_000, maxAgeDays: 30, maxBytes: 2048 * 1024 * 1024 },
  editor: { id: 'auto' }, detectedEditor: { id: 'vscode', command: 'code' }, retentionOverrides: {},
};

describe('settingsChanged', () => {
  it('is false for the saved settings and a copy of them', () => {
    expect(settingsChanged(SAVED, SAVED)).toBe(false);
    expect(settingsChanged(SAVED, structuredClone(SAVED))).toBe(false);
  });

  it('is true once any edited field differs', () => {
    expect(settingsChanged(SAVED, { ...SAVED, port: 9000 })).toBe(true);
    expect(settingsChanged(SAVED, { ...SAVED, retention: { ...SAVED.retention, maxAgeDays: 7 } })).toBe(true);
    expect(settingsChanged(SAVED, { ...SAVED, editor: { id: 'custom', command: 'ed {file}' } })).toBe(true);
    expect(settingsChanged(SAVED, { ...SAVED, sourceRoots: ['/src'] })).toBe(true);
    expect(settingsChanged(SAVED, { ...SAVED, sourceFetch: { enabled: true, hosts: ['192.168.1.20:5173'] } })).toBe(true);
    expect(settingsChanged(SAVED, { ...SAVED, sourceFetch: { enabled: false, hosts: [] } })).toBe(true);
  });

  it('is false again when an edit is put back, and ignores what the form cannot edit', () => {
    expect(settingsChanged(SAVED, { ...SAVED, editor: { id: 'auto', command: '' } })).toBe(false);
    expect(settingsChanged(SAVED, { ...SAVED, sourceRoots: [] })).toBe(false);
    expect(settingsChanged(SAVED, { ...SAVED, sourceFetch: { enabled: true, hosts: [] } })).toBe(false);
    expect(settingsChanged(SAVED, { ...SAVED, dataDir: '/elsewhere', detectedEditor: undefined })).toBe(false);
  });
});
