/**
 * The desktop preload bridge (`window.lookout`, typed in src/shared/ipc-contract.ts). Absent in
 * the headless web UI, so every caller falls back to a browser API when this returns null.
 */
import type { LookoutBridge } from '../../../shared/ipc-contract';

export function desktopBridge(): LookoutBridge | null {
  if (typeof window === 'undefined' || !('lookout' in window)) return null;
  const bridge = window.lookout;
  return typeof bridge === 'object' && bridge !== null ? bridge : null;
}
