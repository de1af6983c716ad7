// Injected into every page of the browser benchmark (HvWeb's console and noVNC alike): counts the
// animation frames in which the visible screen canvas was painted, and the time from a key press
// to the next paint of that canvas. Works on both without knowing their code: it wraps the 2D
// context's drawing calls and only counts canvases that are in the document (noVNC also draws into
// an off-screen back buffer first).
(() => {
  const probe = window.__hvProbe = { paintedFrames: 0, paints: 0, latencies: [], keyAt: 0, lastPaintAt: 0, dirty: false };
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['drawImage', 'putImageData', 'fillRect']) {
    const original = proto[name];
    proto[name] = function (...args) {
      if (this.canvas.isConnected && this.canvas.width > 100) {
        const now = performance.now();
        probe.paints++;
        probe.dirty = true;
        probe.lastPaintAt = now;
        if (probe.keyAt) {
          probe.latencies.push(now - probe.keyAt);
          probe.keyAt = 0;
        }
      }
      return original.apply(this, args);
    };
  }
  window.addEventListener('keydown', e => { probe.keyAt = e.timeStamp || performance.now(); }, true);
  const frame = () => {
    if (probe.dirty) {
      probe.paintedFrames++;
      probe.dirty = false;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
