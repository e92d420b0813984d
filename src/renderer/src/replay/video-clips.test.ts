import { describe, expect, it } from 'vitest';
import type { ReplayVideoSegment } from '../../../shared/api-types';
import { clipAt, layoutClips } from './use-video-player';

const START = 1_718_000_000_000;
const video = (segmentId: number, startMs: number | null, durationMs: number | null, error: string | null = null): ReplayVideoSegment =>
  ({ segmentId, startMs, durationMs, width: 390, height: 844, error });

describe('mobile video clips', () => {
  it('places clips by their video event time and chains untimed ones', () => {
    const clips = layoutClips({
      startMs: START,
      videos: [video(0, START, 5000), video(1, null, 5000), video(2, START + 12_000, 4000), video(3, START + 16_000, null, 'replay_video item carries no mp4')],
    });
    expect(clips).toEqual([
      { segmentId: 0, offsetMs: 0, durationMs: 5000 },
      { segmentId: 1, offsetMs: 5000, durationMs: 5000 },
      { segmentId: 2, offsetMs: 12_000, durationMs: 4000 },
    ]);
    // A gap between clips shows the earlier one's last frame; the end stays on the last clip.
    expect([0, 4999, 5000, 11_000, 12_000, 99_000].map((t) => clipAt(clips, t))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(clipAt([], 10)).toBe(0);
  });
});
