/**
 * The event whose frames are on screen, for the frame actions that ask the server about local
 * files (open in editor, more context): the server only reads paths under the source roots or
 * named by that event's frames.
 */
import { createContext, useContext } from 'react';

export interface FrameEvent {
  eventId: string | null;
  /** The event's platform: Java and .NET frames are named by module first. */
  platform?: string;
}

export const FrameEventContext = createContext<FrameEvent>({ eventId: null });

export function useFrameEvent(): FrameEvent {
  return useContext(FrameEventContext);
}

/** A frame's file on this machine: an absolute path or file: URL in `abs_path`, else in `filename`. */
export function localPathOf(frame: { abs_path?: unknown; filename?: unknown }): string | null {
  for (const ref of [frame.abs_path, frame.filename]) {
    if (typeof ref !== 'string' || ref === '') continue;
    if (ref.startsWith('/') || /^[A-Za-z]:[\\/]/.test(ref) || ref.startsWith('file://')) return ref;
  }
  return null;
}
