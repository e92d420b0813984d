/*
 * Browser side of mobile-replay.ts: records an animated canvas as H.264 mp4 with MediaRecorder.
 * Loaded with page.addScriptTag into a blank page; `window.recordCanvasMp4(frames)` resolves with
 * the mp4 bytes (as an array of numbers) and how long the recording took.
 */
window.recordCanvasMp4 = async (frameCount) => {
  const canvas = window.document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  window.document.body.append(canvas);
  const ctx = canvas.getContext('2d');
  const recorder = new window.MediaRecorder(canvas.captureStream(30), { mimeType: 'video/mp4;codecs=avc1.42E01E' });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  const started = window.performance.now();
  recorder.start();
  // Frame by frame, so the clip has real, changing content.
  for (let i = 0; i < frameCount; i++) {
    await new Promise((resolve) => window.requestAnimationFrame(resolve));
    ctx.fillStyle = `hsl(${(i * 12) % 360} 70% 50%)`;
    ctx.fillRect(0, 0, 320, 240);
    ctx.fillStyle = '#fff';
    ctx.font = '32px sans-serif';
    ctx.fillText(`Mobile frame ${i}`, 20, 130);
  }
  recorder.stop();
  await stopped;
  canvas.remove();
  const bytes = new Uint8Array(await new window.Blob(chunks).arrayBuffer());
  return { bytes: Array.from(bytes), durationMs: Math.round(window.performance.now() - started) };
};
