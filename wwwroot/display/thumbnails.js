// Live thumbnails: every <img data-hv-thumbnail="URL"> that is on screen, in a visible tab, gets a
// fresh image about once a second (never a second request while one is loading).

const RefreshMs = 1000;
let timer = 0;

function visible(image) {
  const rect = image.getBoundingClientRect();
  return rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight && rect.left < window.innerWidth && rect.width > 0;
}

function refresh() {
  if (document.visibilityState !== 'visible') {
    return;
  }
  for (const image of document.querySelectorAll('img[data-hv-thumbnail]')) {
    if (image.dataset.hvLoading === '1' || !visible(image)) {
      continue;
    }
    image.dataset.hvLoading = '1';
    const done = () => { image.dataset.hvLoading = '0'; };
    image.addEventListener('load', done, { once: true });
    image.addEventListener('error', done, { once: true });
    image.src = `${image.dataset.hvThumbnail}&t=${Date.now()}`;
  }
}

export function start() {
  if (!timer) {
    timer = setInterval(refresh, RefreshMs);
    refresh();
  }
}

export function stop() {
  clearInterval(timer);
  timer = 0;
}
