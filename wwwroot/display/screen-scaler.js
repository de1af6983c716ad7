// Sizes the screen canvas: 'fit' (as large as the area allows, aspect kept) or a fixed zoom
// ('1' = 100 %, '2' = 200 %). The canvas keeps the guest's resolution; only its CSS size changes.

export class ScreenScaler {
  constructor(canvas, container) {
    this.canvas = canvas;
    this.container = container;
    this.mode = 'fit';
    this.observer = new ResizeObserver(() => this.apply());
    this.observer.observe(container);
  }

  setMode(mode) {
    this.mode = mode;
    this.apply();
  }

  apply() {
    const { canvas, container } = this;
    if (!canvas.width || !canvas.height) {
      return;
    }
    let scale;
    if (this.mode === 'fit') {
      const box = container.getBoundingClientRect();
      scale = Math.min(box.width / canvas.width, box.height / canvas.height);
      if (!(scale > 0)) {
        scale = 1;
      }
    } else {
      scale = Number(this.mode) || 1;
    }
    canvas.style.width = `${Math.floor(canvas.width * scale)}px`;
    canvas.style.height = `${Math.floor(canvas.height * scale)}px`;
    container.classList.toggle('hv-screen-scroll', this.mode !== 'fit');
  }

  dispose() {
    this.observer.disconnect();
  }
}
