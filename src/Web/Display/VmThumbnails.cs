using System.Collections.Concurrent;
using HvWeb.Display;
using HvWeb.Display.Tiles;

namespace HvWeb.Web.Display;

/// <summary>Small JPEGs of VMs' screens for lists and the lab wall, from the shared display source, cached briefly.</summary>
public sealed class VmThumbnails(VmDisplaySources sources, TimeProvider time)
{
    /// <summary>
    /// A thumbnail is reused for this long: pages refresh them about once a second, and several
    /// pages may show the same VM; rendering one costs a full-screen copy and a JPEG.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(900);

    /// <summary>How long a request waits for the first picture when it opens a VM's display.</summary>
    public static readonly TimeSpan FirstPictureWait = TimeSpan.FromSeconds(5);

    /// <summary>Sizes offered: small enough to stay cheap, large enough for a details pane.</summary>
    public const int MaxWidth = 640;

    private readonly ConcurrentDictionary<(Guid, int), (long At, byte[] Jpeg)> _cache = new();

    public async Task<byte[]> GetAsync(Guid vmId, int width, CancellationToken cancellationToken)
    {
        width = Math.Clamp(width, 32, MaxWidth);
        if (_cache.TryGetValue((vmId, width), out var cached) && time.GetElapsedTime(cached.At) < MaxAge)
        {
            return cached.Jpeg;
        }

        using var lease = sources.Acquire(vmId);
        try
        {
            await lease.Source.FirstPicture.WaitAsync(FirstPictureWait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Show what there is (black) rather than nothing.
        }

        var screen = lease.Source.CopyScreen()
            ?? throw new DisplayClosedException($"The screen of {lease.Source.Name} is not available yet.");
        var jpeg = ThumbnailRenderer.Render(screen.Pixels, screen.Width, screen.Height, width, width * 3 / 4);
        _cache[(vmId, width)] = (time.GetTimestamp(), jpeg);
        return jpeg;
    }
}
