using HvWeb.Display;

namespace HvWeb.Web.Display;

/// <summary>A hold on a VM's shared display source; the source may close when the last lease is disposed.</summary>
public sealed class VmDisplayLease : IDisposable
{
    private readonly VmDisplaySources _owner;
    private readonly Guid _vmId;
    private int _disposed;

    internal VmDisplayLease(VmDisplaySources owner, Guid vmId, DisplaySource source)
    {
        _owner = owner;
        _vmId = vmId;
        Source = source;
    }

    public DisplaySource Source { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _owner.Release(_vmId, Source);
        }
    }
}
