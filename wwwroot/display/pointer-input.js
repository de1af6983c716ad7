// Mouse on the screen canvas: absolute position in screen pixels (the guest has a USB tablet),
// buttons as RFB's mask, and the wheel as button presses.

// RFB button bits: 1 left, 2 middle, 4 right, 8/16 wheel up/down, 32/64 wheel left/right.
const BrowserToRfbButtons = [[1, 1], [4, 2], [2, 4]]; // [browser bit, RFB bit]: browsers number right 2, middle 4

// Pixels of wheel movement per RFB wheel step: one notch of a mouse wheel is about 100 px; a
// touchpad sends many small deltas, accumulated into steps.
const WheelStepPixels = 50;

// Moves are sent at most this often (about 60 per second); button changes at once.
const MoveIntervalMs = 16;

export class PointerInput {
  constructor(canvas, send) {
    this.canvas = canvas;
    this.send = send;
    this.buttons = 0;
    this.x = 0;
    this.y = 0;
    this.lastMoveAt = 0;
    this.pendingMove = 0;
    this.wheelX = 0;
    this.wheelY = 0;
    this.handlers = {
      pointermove: e => this.move(e),
      pointerdown: e => this.press(e),
      pointerup: e => this.press(e),
      wheel: e => this.wheel(e),
      contextmenu: e => e.preventDefault(),
    };
    for (const [name, handler] of Object.entries(this.handlers)) {
      canvas.addEventListener(name, handler, { passive: false });
    }
  }

  position(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = (event.clientX - rect.left) * this.canvas.width / rect.width;
    const y = (event.clientY - rect.top) * this.canvas.height / rect.height;
    this.x = Math.max(0, Math.min(this.canvas.width - 1, Math.floor(x)));
    this.y = Math.max(0, Math.min(this.canvas.height - 1, Math.floor(y)));
  }

  move(event) {
    this.position(event);
    const now = performance.now();
    if (now - this.lastMoveAt >= MoveIntervalMs) {
      this.flushMove();
    } else if (!this.pendingMove) {
      this.pendingMove = setTimeout(() => this.flushMove(), MoveIntervalMs - (now - this.lastMoveAt));
    }
  }

  flushMove() {
    clearTimeout(this.pendingMove);
    this.pendingMove = 0;
    this.lastMoveAt = performance.now();
    this.send('Pointer', this.x, this.y, this.buttons);
  }

  press(event) {
    event.preventDefault();
    if (event.type === 'pointerdown') {
      this.canvas.focus({ preventScroll: true });
      this.canvas.setPointerCapture?.(event.pointerId);
    }
    this.position(event);
    let buttons = 0;
    for (const [browser, rfb] of BrowserToRfbButtons) {
      if (event.buttons & browser) {
        buttons |= rfb;
      }
    }
    this.buttons = buttons;
    this.flushMove();
  }

  wheel(event) {
    event.preventDefault();
    this.position(event);
    const scale = event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? 800 : 1; // lines, pages → pixels
    this.wheelY += event.deltaY * scale;
    this.wheelX += event.deltaX * scale;
    while (Math.abs(this.wheelY) >= WheelStepPixels) {
      this.click(this.wheelY < 0 ? 8 : 16);
      this.wheelY -= Math.sign(this.wheelY) * WheelStepPixels;
    }
    while (Math.abs(this.wheelX) >= WheelStepPixels) {
      this.click(this.wheelX < 0 ? 32 : 64);
      this.wheelX -= Math.sign(this.wheelX) * WheelStepPixels;
    }
  }

  click(bit) {
    this.send('Pointer', this.x, this.y, this.buttons | bit);
    this.send('Pointer', this.x, this.y, this.buttons);
  }

  dispose() {
    clearTimeout(this.pendingMove);
    for (const [name, handler] of Object.entries(this.handlers)) {
      this.canvas.removeEventListener(name, handler);
    }
  }
}
