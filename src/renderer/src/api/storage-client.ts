/** The store's size and retention runs (`GET /_lookout/api/storage`) and "Compact now" (`POST …/storage/compact`). */
import type { StorageStatus } from '../../../shared/api-storage';
import { requestJson } from './http';
import { api } from './instance';

export function fetchStorage(): Promise<StorageStatus> {
  return requestJson(`${api().base}/_lookout/api/storage`);
}

export function compactStore(): Promise<StorageStatus> {
  return requestJson(`${api().base}/_lookout/api/storage/compact`, { method: 'POST' });
}
