using HvWeb.Display.Frames;
using HvWeb.Display.Rfb;

namespace HvWeb.Tests.E2e.Display;

/// <summary>An RFB sink that keeps the screen in a framebuffer and counts updates and resizes.</summary>
internal sealed class RecordingSink : IRfbSink
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public Framebuffer Framebuffer { get; } = new();

    public int Updates { get; private set; }

    public List<(int Width, int Height)> Sizes { get; } = [];

    public bool? PointerAbsolute { get; private set; }

    /// <summary>Completes once <paramref name="count"/> updates have ended in total.</summary>
    public Task WaitForUpdatesAsync(int count, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (Updates >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(timeout);
        }
    }

    public void Resize(int width, int height)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Resize(width, height);
            Sizes.Add((width, height));
        }
    }

    public void Fill(PixelRect rect, uint pixel)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Fill(rect, pixel);
        }
    }

    public void Put(PixelRect rect, ReadOnlySpan<byte> pixels, int stride)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Put(rect, pixels, stride);
        }
    }

    public void Copy(int sourceX, int sourceY, PixelRect target)
    {
        lock (Framebuffer.Sync)
        {
            Framebuffer.Copy(sourceX, sourceY, target);
        }
    }

    public void UpdateEnd()
    {
        lock (_lock)
        {
            Updates++;
            foreach (var waiter in _waiters.Where(w => w.Count <= Updates).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    public void PointerMode(bool absolute) => PointerAbsolute = absolute;

    public void LedState(int leds)
    {
    }

    public void Bell()
    {
    }
}
