/** The whole store's shape: one interface per slice, merged. */
import type { StateCreator } from 'zustand';
import type { ConnectionSlice } from './connection-slice';
import type { CronsSlice } from './crons-slice';
import type { DetailSlice } from './detail-slice';
import type { IssuesSlice } from './issues-slice';
import type { LogsSlice } from './logs-slice';
import type { TracesSlice } from './traces-slice';
import type { ProjectsSlice } from './projects-slice';
import type { SettingsSlice } from './settings-slice';
import type { StreamSlice } from './stream-slice';
import type { UiSlice } from './ui-slice';

export type AppState = ConnectionSlice & ProjectsSlice & IssuesSlice & DetailSlice & StreamSlice & SettingsSlice & UiSlice
  & TracesSlice & LogsSlice & CronsSlice;

/** A slice creator that can read and write the whole store. */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
