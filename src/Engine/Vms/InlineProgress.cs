namespace HvWeb.Engine.Vms;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (the framework's
/// <see cref="Progress{T}"/> posts to the thread pool and may reorder reports).
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
