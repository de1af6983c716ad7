// HvWeb console: draws a VM's screen from the display hub and sends keyboard and mouse input.
// The server does the work (RFB, dirty regions, PNG/JPEG tiles, scancode mapping); this file only
// draws tiles in order, acknowledges each frame once drawn, and forwards input events.

import { loadSignalR } from './signalr-loader.js';
import { PointerInput } from './pointer-input.js';
import { KeyboardInput } from './keyboard-input.js';
import { ScreenScaler } from './screen-scaler.js';

const TileTypes = ['image/png', 'image/jpeg'];

// Reconnect after 1, 2, 4, 8, 8, … seconds while the VM runs.
const ReconnectDelaysMs = [1000, 2000, 4000, 8000];

export class HvDisplay {
  constructor(canvas, container, options, listener) {
    this.canvas = canvas;
    this.container = container;
    this.vmId = options.vmId;
    this.readOnly = !!options.readOnly;
    this.hubUrl = options.hubUrl;
    this.listener = listener;
    this.context = canvas.getContext('2d', { alpha: false });
    this.scaler = new ScreenScaler(canvas, container);
    this.running = false;
    this.connection = null;
    this.subscription = null;
    this.queue = [];
    this.drawing = false;
    this.attempt = 0;
    this.reconnectTimer = 0;
    this.stats = { frames: 0, tiles: 0, bytes: 0, lastFrameAt: 0, receiveToDrawMs: 0 };
    this.keyboard = this.readOnly ? null : new KeyboardInput(canvas, (method, ...args) => this.send(method, ...args));
    this.pointer = this.readOnly ? null : new PointerInput(canvas, (method, ...args) => this.send(method, ...args));
    canvas.hvDisplay = this;
  }

  /** The page says whether the VM has a screen (Running, Paused): connect, or stop trying. */
  async setRunning(running) {
    this.running = running;
    if (running && !this.connection) {
      await this.connect();
    } else if (!running) {
      this.cancelReconnect();
      await this.disconnect();
    }
  }

  async connect() {
    this.cancelReconnect();
    this.report('connecting', '');
    try {
      const signalR = await loadSignalR();
      const connection = new signalR.HubConnectionBuilder()
        .withUrl(this.hubUrl, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
        .withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol())
        .configureLogging(signalR.LogLevel.Warning)
        .build();
      connection.onclose(error => this.closed(connection, error));
      this.connection = connection;
      this.drawnSinceConnect = false;
      await connection.start();
      this.subscription = connection.stream('Watch', this.vmId, this.readOnly).subscribe({
        next: frame => this.enqueue(connection, frame),
        error: error => this.closed(connection, error),
        complete: () => this.closed(connection, null),
      });
    } catch (error) {
      this.closed(this.connection, error);
    }
  }

  async disconnect() {
    const connection = this.connection;
    this.connection = null;
    this.subscription?.dispose();
    this.subscription = null;
    this.queue = [];
    if (connection) {
      await connection.stop().catch(() => { });
    }
  }

  closed(connection, error) {
    if (connection !== this.connection || !connection) {
      return;
    }

    this.connection = null;
    this.subscription = null;
    this.queue = [];
    connection.stop().catch(() => { });
    const message = messageOf(error);
    if (this.running) {
      const delay = ReconnectDelaysMs[Math.min(this.attempt, ReconnectDelaysMs.length - 1)];
      this.attempt++;
      this.report('disconnected', message, delay);
      this.reconnectTimer = setTimeout(() => { this.reconnectTimer = 0; if (this.running && !this.connection) this.connect(); }, delay);
    } else {
      this.report('disconnected', message, 0);
    }
  }

  cancelReconnect() {
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = 0;
    }
  }

  async reconnect() {
    this.attempt = 0;
    await this.disconnect();
    if (this.running) {
      await this.connect();
    }
  }

  enqueue(connection, frame) {
    frame.receivedAt = performance.now();
    this.queue.push({ connection, frame });
    if (!this.drawing) {
      this.drain();
    }
  }

  // Frames are drawn strictly in order; the tiles of one frame are decoded in parallel.
  async drain() {
    this.drawing = true;
    try {
      while (this.queue.length > 0) {
        const { connection, frame } = this.queue.shift();
        await this.draw(frame);
        if (connection === this.connection) {
          connection.send('Ack', frame.Seq).catch(() => { });
          if (!this.drawnSinceConnect) {
            this.drawnSinceConnect = true;
            this.attempt = 0;
            this.report('connected', '');
          }
        }
      }
    } finally {
      this.drawing = false;
    }
  }

  async draw(frame) {
    if (frame.Width !== this.canvas.width || frame.Height !== this.canvas.height) {
      this.canvas.width = frame.Width;
      this.canvas.height = frame.Height;
      this.scaler.apply();
    }

    const images = await Promise.all(frame.Tiles.map(tile =>
      createImageBitmap(new Blob([tile.Data], { type: TileTypes[tile.Format] })).catch(() => null)));
    frame.Tiles.forEach((tile, i) => {
      const image = images[i];
      if (image) {
        this.context.drawImage(image, tile.X, tile.Y);
        image.close();
      }
      this.stats.bytes += tile.Data.byteLength;
    });
    this.stats.frames++;
    this.stats.tiles += frame.Tiles.length;
    this.stats.lastFrameAt = performance.now();
    this.stats.receiveToDrawMs += this.stats.lastFrameAt - frame.receivedAt;
  }

  send(method, ...args) {
    if (this.connection && this.connection.state === 'Connected') {
      this.connection.send(method, ...args).catch(() => { });
    }
  }

  ctrlAltDel() {
    this.send('CtrlAltDel');
  }

  async typeText(text) {
    if (!this.connection) {
      throw new Error('The screen is not connected.');
    }
    const result = await this.connection.invoke('TypeText', text);
    return { typed: result.Typed, skipped: result.Skipped };
  }

  setScale(mode) {
    this.scaler.setMode(mode);
  }

  async fullscreen() {
    if (document.fullscreenElement) {
      await document.exitFullscreen();
    } else {
      await this.container.requestFullscreen();
    }
    this.focus();
  }

  screenshot(fileName) {
    this.canvas.toBlob(blob => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    }, 'image/png');
  }

  focus() {
    this.canvas.focus({ preventScroll: true });
  }

  report(state, message, retryMs = 0) {
    this.listener?.invokeMethodAsync('OnDisplayState', state, message ?? '', retryMs).catch(() => { });
  }

  async dispose() {
    this.running = false;
    this.cancelReconnect();
    this.keyboard?.dispose();
    this.pointer?.dispose();
    this.scaler.dispose();
    await this.disconnect();
    this.listener = null;
  }
}

/** The hub's sentence without SignalR's prefixes ("An unexpected error occurred invoking 'Watch' on the server. HubException: …"). */
function messageOf(error) {
  if (!error) {
    return 'The screen connection ended.';
  }
  const text = String(error.message ?? error);
  const hub = text.indexOf('HubException: ');
  return hub >= 0 ? text.substring(hub + 'HubException: '.length) : text;
}

export function create(canvas, container, options, listener) {
  return new HvDisplay(canvas, container, options, listener);
}
