import { describe, expect, it } from 'vitest';
import { corpusEvent } from '../grouping/test-support/corpus';
import { frameFileLabel, frameLine } from '../../shared/frame-label';
import { exceptionViews } from './report-stack';

// sentry-java (Android sample app): frames carry the class as `module`, and synthetic lambda
// classes have no file and line 0.
const android = corpusEvent('application_x_sentry_envelope-1706290053204.txt') as Record<string, unknown>;

describe('frames of a Java event, named as Sentry names them', () => {
  it('puts the fully qualified class first and shows no line 0', () => {
    const frames = exceptionViews(android)[0]!.frames;
    const locations = frames.slice(0, 4).map((f) => f.location);
    expect(locations).toEqual([
      'io.sentry.samples.android.MainActivity:69',
      'io.sentry.samples.android.MainActivity$$ExternalSyntheticLambda0',
      'android.view.View:7506',
      'android.view.View:7483',
    ]);
    // The file still picks the syntax highlighting.
    expect(frames[0]!.language).toBe('java');
  });

  it('keeps the file first elsewhere, and the frame platform wins over the event one', () => {
    const frame = { filename: 'app/models.py', module: 'app.models', lineno: 0 };
    expect(frameFileLabel(frame, 'python')).toBe('app/models.py');
    expect(frameFileLabel(frame, 'java')).toBe('app.models');
    expect(frameFileLabel({ ...frame, platform: 'python' }, 'java')).toBe('app/models.py');
    expect(frameFileLabel({}, 'java')).toBe('<unknown>');
    expect([frameLine(0), frameLine(12), frameLine(-1), frameLine('3')]).toEqual([null, 12, null, null]);
  });
});
