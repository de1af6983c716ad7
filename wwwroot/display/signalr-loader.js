// Loads the vendored SignalR client and its MessagePack protocol once (classic scripts that set window.signalR).

let loading = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`Could not load ${src}.`));
    document.head.appendChild(script);
  });
}

export function loadSignalR() {
  loading ??= (async () => {
    if (!window.signalR) {
      await loadScript(new URL('./lib/signalr.min.js', import.meta.url).href);
    }
    if (!window.signalR.protocols?.msgpack) {
      await loadScript(new URL('./lib/signalr-protocol-msgpack.min.js', import.meta.url).href);
    }
    return window.signalR;
  })();
  return loading;
}
