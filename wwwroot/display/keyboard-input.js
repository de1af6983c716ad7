// Keyboard capture on the screen canvas: KeyboardEvent.code (the physical key) goes to the server,
// which maps it to a PC scancode, so the guest's own layout decides what the key means.

export class KeyboardInput {
  constructor(canvas, send) {
    this.canvas = canvas;
    this.send = send;
    this.down = new Set();
    this.onKeyDown = e => this.key(e, true);
    this.onKeyUp = e => this.key(e, false);
    this.onBlur = () => this.releaseAll();
    canvas.addEventListener('keydown', this.onKeyDown);
    canvas.addEventListener('keyup', this.onKeyUp);
    canvas.addEventListener('blur', this.onBlur);
    window.addEventListener('blur', this.onBlur);
  }

  key(event, down) {
    if (!event.code) {
      return; // virtual keyboards without a physical key: nothing to map
    }
    // Every key goes to the guest, none to the page (no scrolling on Space, no browser shortcuts where the browser allows).
    event.preventDefault();
    event.stopPropagation();
    if (down) {
      this.down.add(event.code);
    } else if (!this.down.delete(event.code)) {
      return; // a release without a press (the key went down before the screen had focus)
    }
    this.send('Key', event.code, down);
  }

  releaseAll() {
    if (this.down.size > 0) {
      this.down.clear();
      this.send('ReleaseKeys');
    }
  }

  dispose() {
    this.canvas.removeEventListener('keydown', this.onKeyDown);
    this.canvas.removeEventListener('keyup', this.onKeyUp);
    this.canvas.removeEventListener('blur', this.onBlur);
    window.removeEventListener('blur', this.onBlur);
  }
}
